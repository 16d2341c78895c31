import {
  createRng,
  InvalidArgumentError,
  NonFiniteError,
  ShapeError,
  UnknownOptionError,
} from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  copyingSource,
  DSPRITES_SIZES,
  randomSource,
} from '../../../test/support/factor-encoders.js';
import { computeMig } from './compute-mig.js';
import { discreteEntropy } from './discrete-entropy.js';
import type { FactorSource } from './factor-source.js';
import { sampleUniformFactors } from './sample-uniform-factors.js';

/** Exact bin of class c when classes 0 … K − 1 are cut into `bins` equal bins over [0, K − 1]. */
const classBin = (c: number, k: number, bins: number) =>
  Math.min(bins - 1, Math.floor((c * bins) / (k - 1)));

describe('computeMig', () => {
  it('copying encoder, defaults (10,000 points, 20 bins): each gap reaches its binning ceiling', async () => {
    // With 20 bins a dimension holds at most H(bin of v) < H(v) when v has > 20 classes, so the
    // copy's MI is exactly the entropy of the binned factor (independent closed form below).
    const r = await computeMig(copyingSource(DSPRITES_SIZES, { perm: [4, 0, 2, 1, 3] }), {
      seed: 1,
    });
    expect(r.numPoints).toBe(10_000);
    expect(r.usedFactors).toEqual([0, 1, 2, 3, 4]);
    const factors = sampleUniformFactors(DSPRITES_SIZES, 10_000, createRng(1).fork('mig'));
    let ceilingSum = 0;
    DSPRITES_SIZES.forEach((size, k) => {
      const v = Array.from({ length: 10_000 }, (_, i) => factors[i * 5 + k]!);
      expect(r.factorEntropy[k]).toBeCloseTo(discreteEntropy(v), 12);
      const binned = discreteEntropy(v.map((c) => classBin(c, size, 20)));
      const top = r.topLatent[k]!;
      expect([4, 0, 2, 1, 3][top]).toBe(k); // the dimension that copies factor k
      expect(r.mutualInformation[top * 5 + k]).toBeCloseTo(binned, 9);
      const ceiling = binned / r.factorEntropy[k]!;
      ceilingSum += ceiling;
      expect(r.gaps[k]).toBeLessThanOrEqual(ceiling + 1e-12);
      expect(r.gaps[k]).toBeGreaterThan(ceiling - 0.02); // minus the second MI (estimation bias)
    });
    expect(r.mig).toBeGreaterThan(ceilingSum / 5 - 0.02);
    expect(r.mig).toBeGreaterThan(0.87); // ceiling ≈ 0.90 for dSprites' factor sizes and 20 bins
  });

  it('copying encoder scores ≥ 0.9 when bins can separate the classes', async () => {
    const small = await computeMig(copyingSource([3, 6, 10, 16, 20]), { seed: 2 });
    expect(small.mig).toBeGreaterThan(0.97);
    const moreBins = await computeMig(copyingSource(DSPRITES_SIZES), { seed: 2, numBins: 40 });
    expect(moreBins.mig).toBeGreaterThan(0.95);
  });

  it('random encoder (noise independent of the factors) scores ≈ 0', async () => {
    const r = await computeMig(randomSource(DSPRITES_SIZES, 10, 5), { seed: 3 });
    expect(r.mig).toBeGreaterThanOrEqual(0);
    expect(r.mig).toBeLessThan(0.05);
    // Every MI is at the plug-in estimator's bias, ≈ (bins − 1)(K − 1) / (2N) nats.
    for (let d = 0; d < 10; d++) {
      DSPRITES_SIZES.forEach((size, k) => {
        expect(r.mutualInformation[d * 5 + k]).toBeLessThan((3 * 19 * (size - 1)) / 20_000);
      });
    }
  });

  it('is deterministic for a seed and independent of encodeBatchSize', async () => {
    const run = (seed: number, encodeBatchSize?: number) =>
      computeMig(copyingSource(DSPRITES_SIZES, { noise: 0.3 }), {
        seed,
        numPoints: 2000,
        encodeBatchSize,
      });
    const a = await run(7);
    expect(await run(7, 333)).toEqual(a);
    expect((await run(8)).mutualInformation).not.toEqual(a.mutualInformation);
  });

  it('refuses bad options and bad encoder outputs', async () => {
    const good = copyingSource([3, 4]);
    await expect(computeMig(good, { numPoints: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(computeMig(good, { points: 5 } as never)).rejects.toThrow(UnknownOptionError);
    const wrongSize: FactorSource = {
      factorSizes: [3],
      encode: (_f, n) => new Float32Array(n + 1),
    };
    await expect(computeMig(wrongSize, { numPoints: 10 })).rejects.toThrow(ShapeError);
    const nan: FactorSource = {
      factorSizes: [3],
      encode: (_f, n) => new Float32Array(n).fill(Number.NaN),
    };
    await expect(computeMig(nan, { numPoints: 10 })).rejects.toThrow(NonFiniteError);
    const notArray: FactorSource = { factorSizes: [3], encode: () => [1] as never };
    await expect(computeMig(notArray, { numPoints: 10 })).rejects.toThrow(InvalidArgumentError);
    await expect(computeMig({ factorSizes: [], encode: good.encode })).rejects.toThrow(/non-empty/);
    await expect(computeMig({ factorSizes: [2, 1.5], encode: good.encode })).rejects.toThrow(
      /factorSizes\[1\]/,
    );
    await expect(computeMig(null as never)).rejects.toThrow(InvalidArgumentError);
    // A sampler returning classes out of range is caught.
    const badSampler: FactorSource = {
      ...good,
      sampleFactors: (n) => new Int32Array(n * 2).fill(9),
    };
    await expect(computeMig(badSampler, { numPoints: 10 })).rejects.toThrow(/class 9/);
  });
});
