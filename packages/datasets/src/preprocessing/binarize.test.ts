import { createRng, InvalidArgumentError, NonFiniteError, ShapeError } from '@latentkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherRows } from '../batching/gather-rows.js';
import { loadMnistSync } from '../node/load-mnist.js';
import { binarizeSample, binarizeThreshold, dynamicBinarize } from './binarize.js';

let grey: Uint8Array; // 1000 real MNIST test images, [1000, 784]

beforeAll(() => {
  grey = loadMnistSync().test.images.subarray(0, 1000 * 784);
});

/** Number of positions where two equal-length arrays differ (faster than toEqual on 784k items). */
function countDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i] !== b[i] ? 1 : 0;
  return d;
}

function mean(a: ArrayLike<number>, scale = 1): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * scale;
  return s / a.length;
}

describe('dynamicBinarize', () => {
  it('is reproducible with one seed and differs with another seed or epoch', () => {
    const a = dynamicBinarize(grey, { seed: 1, epoch: 0, rowSize: 784 });
    expect(countDiff(dynamicBinarize(grey, { seed: 1, epoch: 0, rowSize: 784 }), a)).toBe(0);
    const diffSeed = countDiff(dynamicBinarize(grey, { seed: 2, epoch: 0, rowSize: 784 }), a);
    const diffEpoch = countDiff(dynamicBinarize(grey, { seed: 1, epoch: 1, rowSize: 784 }), a);
    // Pixels with 0 < p < 1 disagree with probability 2p(1-p); thousands of them differ.
    expect(diffSeed).toBeGreaterThan(1000);
    expect(diffEpoch).toBeGreaterThan(1000);
    // Only 0/1 values; black pixels stay 0 and saturated pixels stay 1.
    let bad = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i]! > 1 || (grey[i] === 0 && a[i] !== 0) || (grey[i] === 255 && a[i] !== 1)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('has the grey-level mean within 5 standard errors', () => {
    // Each pixel is Bernoulli(p = level/255), independent, so the sample mean has expectation
    // mean(p) and standard error sqrt(Σ p(1 − p)) / N. |difference| < 5 SE fails with
    // probability < 6e-7 for a correct sampler.
    const n = grey.length;
    let variance = 0;
    for (let i = 0; i < n; i++) {
      const p = grey[i]! / 255;
      variance += p * (1 - p);
    }
    const se = Math.sqrt(variance) / n;
    const target = mean(grey, 1 / 255);
    for (const seed of [1, 2, 3]) {
      const sample = dynamicBinarize(grey, { seed, epoch: 5, rowSize: 784 });
      expect(Math.abs(mean(sample) - target)).toBeLessThan(5 * se);
    }
    // The bound is tight enough to catch a biased sampler (e.g. threshold at 0.5).
    expect(Math.abs(mean(binarizeThreshold(grey)) - target)).toBeGreaterThan(5 * se);
  });

  it('samples a row the same way whatever batch it is in, given its row id', () => {
    const all = dynamicBinarize(grey, { seed: 4, epoch: 2, rowSize: 784 });
    const ids = [17, 3, 999];
    const batch = dynamicBinarize(gatherRows(grey, 784, ids), {
      seed: 4,
      epoch: 2,
      rowSize: 784,
      rowIds: ids,
    });
    expect(batch).toEqual(gatherRows(all, 784, ids));
  });

  it('accepts float intensities and a generator seed (not advanced)', () => {
    const p = Float32Array.from({ length: 20_000 }, (_, i) => (i % 5) / 4);
    const rng = createRng(3);
    const s = dynamicBinarize(p, { seed: rng, epoch: 0 });
    expect(countDiff(dynamicBinarize(p, { seed: createRng(3), epoch: 0 }), s)).toBe(0);
    expect(rng.next()).toBe(createRng(3).next());
    // p ∈ {0, ¼, ½, ¾, 1} equally often: mean ½, Σ p(1 − p) = 4000 × (3/16 + 1/4 + 3/16).
    const se = Math.sqrt(4000 * (3 / 16 + 1 / 4 + 3 / 16)) / 20_000;
    expect(Math.abs(mean(s) - 0.5)).toBeLessThan(5 * se);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => dynamicBinarize(grey, { seed: 1, epoch: -1, rowSize: 784 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => dynamicBinarize(grey, { epoch: 0 } as never)).toThrow(InvalidArgumentError);
    expect(() => dynamicBinarize(grey, { seed: 1, epoch: 0, rowSize: 783 })).toThrow(ShapeError);
    expect(() => dynamicBinarize(Float32Array.of(0.5, 1.5), { seed: 1, epoch: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => dynamicBinarize(Float32Array.of(Number.NaN), { seed: 1, epoch: 0 })).toThrow(
      NonFiniteError,
    );
    expect(() => dynamicBinarize([0.5] as never, { seed: 1, epoch: 0 })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('static binarization', () => {
  it('binarizeThreshold: 1 where level / 255 > threshold', () => {
    expect(Array.from(binarizeThreshold(Uint8Array.of(0, 127, 128, 255)))).toEqual([0, 0, 1, 1]);
    expect(Array.from(binarizeThreshold(Float64Array.of(0.1, 0.3), { threshold: 0.2 }))).toEqual([
      0, 1,
    ]);
    expect(() => binarizeThreshold(grey, { threshold: 2 })).toThrow(InvalidArgumentError);
  });

  it('binarizeSample: a fixed seeded sample, unbiased, independent of the dynamic stream', () => {
    const a = binarizeSample(grey, { seed: 9, rowSize: 784 });
    expect(countDiff(binarizeSample(grey, { seed: 9, rowSize: 784 }), a)).toBe(0);
    expect(countDiff(binarizeSample(grey, { seed: 10, rowSize: 784 }), a)).toBeGreaterThan(1000);
    expect(
      countDiff(dynamicBinarize(grey, { seed: 9, epoch: 0, rowSize: 784 }), a),
    ).toBeGreaterThan(1000);
    const target = mean(grey, 1 / 255);
    let variance = 0;
    for (const v of grey) variance += (v / 255) * (1 - v / 255);
    expect(Math.abs(mean(a) - target)).toBeLessThan((5 * Math.sqrt(variance)) / grey.length);
  });
});
