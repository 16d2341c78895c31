import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { loadIris } from './load-iris.js';
import { splitIris } from './split-iris.js';

function columnStats(features: Float32Array, rows: ArrayLike<number>) {
  const mean = [0, 0, 0, 0];
  const std = [0, 0, 0, 0];
  for (let r = 0; r < rows.length; r++) {
    for (let j = 0; j < 4; j++) mean[j]! += features[rows[r]! * 4 + j]! / rows.length;
  }
  for (let r = 0; r < rows.length; r++) {
    for (let j = 0; j < 4; j++)
      std[j]! += (features[rows[r]! * 4 + j]! - mean[j]!) ** 2 / rows.length;
  }
  return { mean, std: std.map(Math.sqrt) };
}

describe('splitIris', () => {
  it('splits 120/30 stratified (40/10 per species), disjoint and covering all rows', () => {
    const { train, test } = splitIris({ seed: 1 });
    expect(train.count).toBe(120);
    expect(test.count).toBe(30);
    const all = new Set([...train.indices, ...test.indices]);
    expect(all.size).toBe(150);
    for (const part of [train, test]) {
      const counts = [0, 0, 0];
      for (const l of part.labels) counts[l]!++;
      expect(counts).toEqual(part === train ? [40, 40, 40] : [10, 10, 10]);
    }
  });

  it('is seeded: same seed same split, different seed different split', () => {
    expect(splitIris({ seed: 5 }).test.indices).toEqual(splitIris({ seed: 5 }).test.indices);
    expect(splitIris({ seed: 5 }).test.indices).not.toEqual(splitIris({ seed: 6 }).test.indices);
  });

  it('standardizes with statistics of the training split only', () => {
    const raw = loadIris().features;
    const { train, test, standardizer } = splitIris({ seed: 3, standardize: true });
    const expected = columnStats(raw, train.indices);
    const everything = columnStats(
      raw,
      Array.from({ length: 150 }, (_, i) => i),
    );
    for (let j = 0; j < 4; j++) {
      expect(standardizer!.mean[j]).toBeCloseTo(expected.mean[j]!, 5);
      expect(standardizer!.std[j]).toBeCloseTo(expected.std[j]!, 5);
      // ... which is not the statistic of the whole data set (the test would catch a leak).
      expect(Math.abs(standardizer!.mean[j]! - everything.mean[j]!)).toBeGreaterThan(1e-4);
    }
    // Training columns have mean 0 and std 1; test rows use the same transform.
    const z = columnStats(
      train.features,
      Array.from({ length: 120 }, (_, i) => i),
    );
    for (let j = 0; j < 4; j++) {
      expect(z.mean[j]).toBeCloseTo(0, 5);
      expect(z.std[j]).toBeCloseTo(1, 5);
    }
    const i0 = test.indices[0]!;
    expect(test.features[1]).toBeCloseTo(
      (raw[i0 * 4 + 1]! - expected.mean[1]!) / expected.std[1]!,
      5,
    );
  });

  it('leaves features raw by default and supports a plain split', () => {
    const { train, standardizer } = splitIris({ seed: 2, stratify: false, testFraction: 0.5 });
    expect(standardizer).toBeNull();
    expect(train.count).toBe(75);
    expect(train.features[0]).toBe(loadIris().features[train.indices[0]! * 4]);
  });

  it('rejects bad options with typed errors', () => {
    expect(() => splitIris({ seed: 1, testFraction: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => splitIris({ seed: 1, testFraction: 0 })).toThrow(InvalidArgumentError);
    // The message names the option the caller gave, not an internal one.
    expect(() => splitIris({ seed: 1, testFraction: 0 })).toThrow(/^testFraction: must be/);
    expect(() => splitIris({} as never)).toThrow(InvalidArgumentError);
    expect(() => splitIris({ seed: 1, normalize: true } as never)).toThrow(UnknownOptionError);
  });
});
