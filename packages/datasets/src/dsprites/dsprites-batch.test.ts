import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { dspritesBatch, dspritesBatches } from './dsprites-batch.js';
import { DSPRITES_FACTOR_VALUES, dspritesFactorsFromIndex } from './dsprites-factors.js';
import { renderDsprites } from './render-dsprite.js';

describe('dspritesBatch', () => {
  it('returns images with their factor classes and values', () => {
    const ids = [0, 300_001, 737_279];
    const b = dspritesBatch(ids, { resolution: 32 });
    expect(b.images).toEqual(renderDsprites(ids, { resolution: 32 }));
    expect(b.factors.length).toBe(15);
    ids.forEach((id, k) => {
      const f = dspritesFactorsFromIndex(id);
      expect(Array.from(b.factors.subarray(k * 5, k * 5 + 5))).toEqual([
        f.shape,
        f.scale,
        f.orientation,
        f.posX,
        f.posY,
      ]);
      expect(b.values[k * 5]).toBe(f.shape + 1);
      expect(b.values[k * 5 + 2]).toBeCloseTo(
        DSPRITES_FACTOR_VALUES.orientation[f.orientation]!,
        6,
      );
    });
  });
});

describe('dspritesBatches', () => {
  it('iterates a seeded epoch over a subset, rendering on demand', () => {
    const subset = [5, 50, 500, 5000, 50_000];
    const run = (seed: number) =>
      [...dspritesBatches({ batchSize: 2, seed, subset, resolution: 16 })].map((b) =>
        Array.from(b.indices),
      );
    const a = run(1);
    expect(a.map((x) => x.length)).toEqual([2, 2, 1]);
    expect(a.flat().sort((x, y) => x - y)).toEqual(subset);
    expect(run(1)).toEqual(a);
    const first = dspritesBatches({ batchSize: 64, seed: 2 }).next().value!;
    expect(first.images.length).toBe(64 * 64 * 64);
    expect(() => dspritesBatches({ batchSize: 4, seed: 1, resolution: 3 }).next()).toThrow(
      InvalidArgumentError,
    );
  });
});
