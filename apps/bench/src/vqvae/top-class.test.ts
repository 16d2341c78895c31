import { describe, expect, it } from 'vitest';
import { summarizeProbabilities } from './top-class.js';

describe('summarizeProbabilities', () => {
  it('mean and median top-class probability, predictions, shares and accuracy (hand values)', () => {
    const probs = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.5, 0.5, 0, 0.2, 0.2, 0.6];
    const s = summarizeProbabilities(probs, 3, [0, 2, 1, 1]);
    expect([...s.predicted]).toEqual([0, 2, 0, 2]); // the 0.5/0.5 tie goes to class 0
    expect(s.meanTopProbability).toBeCloseTo((0.7 + 0.6 + 0.5 + 0.6) / 4, 12);
    expect(s.medianTopProbability).toBeCloseTo(0.6, 12);
    expect(s.classShares).toEqual([0.5, 0, 0.5]);
    expect(s.accuracy).toBe(0.5); // rows 1 and 2 right, rows 3 and 4 wrong
  });

  it('a uniform classifier scores 1/C; no labels, no accuracy', () => {
    const s = summarizeProbabilities(new Array(30).fill(0.1), 10);
    expect(s.meanTopProbability).toBeCloseTo(0.1, 12);
    expect(s.accuracy).toBeUndefined();
  });

  it('rejects ragged input', () => {
    expect(() => summarizeProbabilities([0.5, 0.5, 1], 2)).toThrow(RangeError);
    expect(() => summarizeProbabilities([], 2)).toThrow(RangeError);
    expect(() => summarizeProbabilities([0.5, 0.5], 2, [0, 1])).toThrow(RangeError);
  });
});
