import { NonFiniteError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { applyStandardizer, fitStandardizer } from './standardizer.js';

describe('standardizer', () => {
  it('computes population mean/std per column on the chosen rows', () => {
    // Columns of rows 0 and 2: [1, 3] and [10, 30] → means 2, 20; population stds 1, 10.
    const data = Float32Array.of(1, 10, 100, 100, 3, 30);
    const s = fitStandardizer(data, 2, [0, 2]);
    expect(Array.from(s.mean)).toEqual([2, 20]);
    expect(Array.from(s.std)).toEqual([1, 10]);
    expect(Array.from(applyStandardizer(data, s))).toEqual([-1, -1, 98, 8, 1, 1]);
  });

  it('maps constant columns to 0 instead of NaN', () => {
    const s = fitStandardizer(Float64Array.of(5, 5, 5), 1);
    expect(s.std[0]).toBe(1);
    expect(Array.from(applyStandardizer(Float64Array.of(5), s))).toEqual([0]);
  });

  it('rejects bad shapes and non-finite values', () => {
    expect(() => fitStandardizer(new Float32Array(5), 2)).toThrow(ShapeError);
    expect(() => fitStandardizer(new Float32Array(4), 2, [])).toThrow(ShapeError);
    expect(() => fitStandardizer(Float32Array.of(1, Number.NaN), 2)).toThrow(NonFiniteError);
    const s = fitStandardizer(new Float32Array(4), 2);
    expect(() => applyStandardizer(new Float32Array(3), s)).toThrow(ShapeError);
  });
});
