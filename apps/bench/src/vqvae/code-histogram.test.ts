import { histogramStatistics } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import { codeHistogram, rankedShares } from './code-histogram.js';

describe('code histogram', () => {
  it('counts each code and refuses out-of-range codes', () => {
    expect([...codeHistogram(Int32Array.from([2, 0, 2, 2, 3]), 5)]).toEqual([1, 0, 3, 1, 0]);
    expect(() => codeHistogram([5], 5)).toThrow(RangeError);
    expect(() => codeHistogram([-1], 5)).toThrow(RangeError);
    expect(() => codeHistogram([1.5], 5)).toThrow(RangeError);
  });

  it('ranks shares largest first; they sum to 1', () => {
    const shares = rankedShares([1, 0, 3, 1, 0]);
    expect(shares).toEqual([0.6, 0.2, 0.2, 0, 0]);
    expect(rankedShares([0, 0])).toEqual([0, 0]);
  });

  it('feeds the perplexity and usage of the models package (known counts)', () => {
    // Two codes of four used equally: entropy ln 2, perplexity 2, usage 1/2.
    const s = histogramStatistics(codeHistogram([0, 3, 0, 3], 4), 1);
    expect(s.perplexity).toBeCloseTo(2, 12);
    expect(s.usage).toBe(0.5);
  });
});
