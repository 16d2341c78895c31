import { describe, expect, it } from 'vitest';
import { extent, linearScale, niceTicks } from './scale.js';

describe('scale helpers', () => {
  it('niceTicks gives round steps inside the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 1, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(97, 312, 5)).toEqual([100, 200, 300]);
    expect(niceTicks(97, 312, 8)).toEqual([100, 150, 200, 250, 300]);
    expect(niceTicks(-3, 3, 7)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(5, 5).length).toBeGreaterThanOrEqual(2);
    expect(() => niceTicks(Number.NaN, 1)).toThrow(RangeError);
  });

  it('extent skips non-finite values', () => {
    expect(extent([3, Number.NaN, -1], [Infinity, 7])).toEqual([-1, 7]);
    expect(extent([])).toEqual([0, 1]);
  });

  it('linearScale maps and inverts', () => {
    const s = linearScale(-2, 2, 0, 400);
    expect(s.map(0)).toBe(200);
    expect(s.invert(100)).toBe(-1);
    expect(s.invert(s.map(1.234))).toBeCloseTo(1.234, 12);
  });
});
