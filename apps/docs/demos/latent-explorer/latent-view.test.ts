import { describe, expect, it } from 'vitest';
import {
  arrowStep,
  classMedians,
  fromCanvas,
  percentileRank,
  toCanvas,
  viewLimit,
} from './latent-view.js';

describe('latent view', () => {
  it('maps latent points to pixels and back (z₂ up)', () => {
    const view = { limit: 4, size: 400 };
    expect(toCanvas(view, 0, 0)).toEqual([200, 200]);
    expect(toCanvas(view, -4, 4)).toEqual([0, 0]);
    expect(toCanvas(view, 4, -4)).toEqual([400, 400]);
    for (const [a, b] of [
      [1.25, -2.5],
      [-3.9, 0.1],
    ] as const) {
      const [x, y] = toCanvas(view, a, b);
      const [c, d] = fromCanvas(view, x, y);
      expect(c).toBeCloseTo(a, 12);
      expect(d).toBeCloseTo(b, 12);
    }
    expect(fromCanvas(view, -50, 999)).toEqual([-4, -4]); // clamped
  });

  it('viewLimit covers the codes up to the 99th percentile', () => {
    const codes = Float32Array.from({ length: 2000 }, (_, i) => ((i % 100) - 50) / 25); // |z| ≤ 2
    expect(viewLimit(codes)).toBe(2.5); // 1.15 · 1.96 = 2.25 → 2.5
    expect(viewLimit([0.1, -0.1])).toBe(1);
    expect(() => viewLimit([1, 2, 3])).toThrow(RangeError);
  });

  it('arrow keys step 1/40 of the view (×5 with Shift), up is +z₂', () => {
    expect(arrowStep('ArrowRight', false, 4)).toEqual([0.2, 0]);
    expect(arrowStep('ArrowUp', true, 4)).toEqual([0, 1]);
    expect(arrowStep('ArrowDown', false, 2)).toEqual([0, -0.1]);
    expect(arrowStep('a', false, 4)).toBeUndefined();
  });

  it('classMedians per digit, undefined for an empty class', () => {
    const codes = [0, 0, 2, 2, 4, 4, 10, -10];
    const labels = [1, 1, 1, 3];
    const m = classMedians(codes, labels, 4);
    expect(m[0]).toBeUndefined();
    expect(m[1]).toEqual([2, 2]);
    expect(m[3]).toEqual([10, -10]);
  });

  it('percentileRank is the mid-rank fraction', () => {
    const sorted = [1, 2, 3, 4];
    expect(percentileRank(sorted, 0)).toBe(0);
    expect(percentileRank(sorted, 5)).toBe(1);
    expect(percentileRank(sorted, 2.5)).toBe(0.5);
    expect(percentileRank(sorted, 2)).toBe(0.375);
    expect(percentileRank([], 1)).toBeNaN();
  });
});
