import { describe, expect, it } from 'vitest';
import { extent } from './extent.js';

describe('extent', () => {
  it('spans every array and skips non-finite values', () => {
    expect(extent([3, Number.NaN, -1], [Number.POSITIVE_INFINITY, 7])).toEqual([-1, 7]);
    expect(extent(Float64Array.of(2, 5))).toEqual([2, 5]);
  });

  it('is [0, 1] without a finite value', () => {
    expect(extent([])).toEqual([0, 1]);
    expect(extent([Number.NaN])).toEqual([0, 1]);
  });
});
