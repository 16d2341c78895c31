import { describe, expect, it } from 'vitest';
import { addVqTotals, histogramStatistics, vqEpochReport } from './vq-report.js';

describe('VQ epoch statistics', () => {
  it('perplexity is exp of the entropy of the code frequencies; usage the used fraction', () => {
    // Counts 2, 1, 1, 0: p = ½, ¼, ¼ → H = ½ ln 2 + 2·¼ ln 4 = 1.5 ln 2 → perplexity 2^1.5.
    const one = histogramStatistics([2, 1, 1, 0], 1);
    expect(one.perplexity).toBeCloseTo(2 ** 1.5, 12);
    expect(one.usage).toBe(0.75);
    // Uniform over K codes: perplexity K; a single code: 1.
    expect(histogramStatistics([3, 3, 3, 3, 3], 1).perplexity).toBeCloseTo(5, 12);
    expect(histogramStatistics([0, 9, 0], 1)).toEqual({ perplexity: 1, usage: 1 / 3 });
    // Two levels (residual VQ): the mean of the levels' values.
    const two = histogramStatistics([2, 1, 1, 0, 0, 9, 0, 0], 2);
    expect(two.perplexity).toBeCloseTo((2 ** 1.5 + 1) / 2, 12);
    expect(two.usage).toBe((0.75 + 0.25) / 2);
  });

  it('accumulates batches weighted by size and reports epoch means', () => {
    const batch = (perplexity: number, counts: number[]) => ({
      codebook: 1,
      commitment: 2,
      perplexity,
      usage: 0.5,
      counts: Float32Array.from(counts),
      restarted: 1,
    });
    let totals = addVqTotals(undefined, batch(2, [1, 1, 0, 0]), 3);
    totals = addVqTotals(totals, batch(4, [0, 0, 1, 0]), 1);
    expect(totals.counts).toEqual([1, 1, 1, 0]);
    const report = vqEpochReport(totals, 4, 1);
    expect(report.batchPerplexity).toBe((3 * 2 + 4) / 4);
    expect(report.perplexity).toBeCloseTo(3, 12);
    expect(report.usage).toBe(0.75);
    expect(report).toMatchObject({ codebook: 1, commitment: 2, batchUsage: 0.5, restarted: 2 });
  });
});
