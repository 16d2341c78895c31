import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  copyingSource,
  DSPRITES_SIZES,
  randomSource,
} from '../../../test/support/factor-encoders.js';
import type { FactorSource } from './factor-source.js';
import { factorVaeScore } from './factor-vae-score.js';
import { sampleUniformFactors } from './sample-uniform-factors.js';

describe('factorVaeScore', () => {
  it('copying encoder at the defaults: accuracy 1, collapsed dimension pruned', async () => {
    const perm = [3, 1, 4, 0, 2];
    const source = copyingSource(DSPRITES_SIZES, { perm, scale: [1, 2, 0.5, 3, 1], collapsed: 1 });
    const r = await factorVaeScore(source, { seed: 1 });
    expect(r.trainAccuracy).toBe(1);
    expect(r.evalAccuracy).toBe(1);
    expect(r.latentDim).toBe(6);
    expect(r.activeDims).toEqual([0, 1, 2, 3, 4]); // dim 5 has std ≈ 0.01 < 0.05
    expect(Array.from(r.classifier.subarray(0, 5))).toEqual(perm);
    // Variance of a uniform class 0 … K − 1 is (K² − 1)/12 (times scale²).
    perm.forEach((k, d) => {
      const s = [1, 2, 0.5, 3, 1][d]!;
      const want = (s * s * (DSPRITES_SIZES[k]! ** 2 - 1)) / 12;
      expect(Math.abs(r.globalVariance[d]! / want - 1)).toBeLessThan(0.05);
    });
    const total = (votes: Int32Array) => votes.reduce((a, b) => a + b, 0);
    expect(total(r.trainVotes)).toBe(10_000);
    expect(total(r.evalVotes)).toBe(5_000);
    // Factors are picked uniformly: each gets ≈ 2000 of the 10,000 training votes (5σ ≈ 200).
    for (let k = 0; k < 5; k++) {
      const row = r.trainVotes.subarray(k * 6, k * 6 + 6).reduce((a, b) => a + b, 0);
      expect(Math.abs(row - 2000)).toBeLessThan(200);
    }
  });

  it('random encoder at the defaults: accuracy ≈ chance (1/5)', async () => {
    const r = await factorVaeScore(randomSource(DSPRITES_SIZES, 5, 11), { seed: 2 });
    expect(r.activeDims).toEqual([0, 1, 2, 3, 4]);
    expect(r.trainAccuracy).toBeGreaterThan(0.18);
    expect(r.trainAccuracy).toBeLessThan(0.3); // majority over ≈ 2000 random votes per dim
    expect(r.evalAccuracy).toBeGreaterThan(0.15);
    expect(r.evalAccuracy).toBeLessThan(0.25);
  });

  it('is deterministic for a seed and independent of encodeBatchSize', async () => {
    const source = () => copyingSource(DSPRITES_SIZES, { noise: 4 }); // noisy: imperfect votes
    const opts = { seed: 5, numTrain: 300, numEval: 200, numVarianceEstimate: 1000 };
    const a = await factorVaeScore(source(), opts);
    expect(a.trainAccuracy).toBeLessThan(1);
    expect(await factorVaeScore(source(), { ...opts, encodeBatchSize: 100 })).toEqual(a);
    expect((await factorVaeScore(source(), { ...opts, seed: 6 })).trainVotes).not.toEqual(
      a.trainVotes,
    );
  });

  it('never fixes a constant factor; all dimensions collapsed gives 0 as disentanglement_lib', async () => {
    const r = await factorVaeScore(copyingSource([1, 3, 4]), {
      seed: 3,
      numTrain: 200,
      numEval: 100,
      numVarianceEstimate: 500,
    });
    expect(r.usedFactors).toEqual([1, 2]);
    expect(Array.from(r.trainVotes.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(r.evalAccuracy).toBe(1);
    const flat: FactorSource = {
      factorSizes: [3, 4],
      encode: (_f, n) => new Float32Array(n * 2).fill(0.5),
    };
    const z = await factorVaeScore(flat, { numTrain: 10, numEval: 10, numVarianceEstimate: 100 });
    expect(z).toMatchObject({ trainAccuracy: 0, evalAccuracy: 0, activeDims: [] });
  });

  it('refuses bad options, sources and samplers that ignore the fixed factor', async () => {
    const good = copyingSource([3, 4]);
    await expect(factorVaeScore(good, { batchSize: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(factorVaeScore(good, { pruneThreshold: -1 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(factorVaeScore(good, { numVotes: 3 } as never)).rejects.toThrow(
      UnknownOptionError,
    );
    await expect(factorVaeScore({ factorSizes: [1, 1], encode: good.encode })).rejects.toThrow(
      /no factor/,
    );
    const ignoresFixed: FactorSource = {
      ...good,
      sampleFactors: (n, rng) => sampleUniformFactors([3, 4], n, rng),
    };
    await expect(
      factorVaeScore(ignoresFixed, { numTrain: 50, numEval: 0, numVarianceEstimate: 100 }),
    ).rejects.toThrow(/did not hold factor/);
  });
});
