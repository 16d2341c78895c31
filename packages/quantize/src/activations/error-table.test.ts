import { describe, expect, it } from 'vitest';
import { fixedFormat } from '../fixed/fixed-format.js';
import {
  binnedErrorTable,
  errorExceedsAt,
  functionErrorStats,
  unitErrorStats,
} from './error-table.js';

describe('error tables', () => {
  it('measure max and mean |error| against closed forms', () => {
    // |x − x²| on [0, 1]: max 1/4 at 1/2, mean 1/6.
    const s = functionErrorStats(
      (x) => x,
      (x) => x * x,
      { lo: 0, hi: 1, points: 100_001 },
    );
    expect(s.maxAbsError).toBeCloseTo(0.25, 9);
    expect(s.argMax).toBeCloseTo(0.5, 9);
    expect(s.meanAbsError).toBeCloseTo(1 / 6, 4);
    expect(
      binnedErrorTable(
        (x) => x,
        () => 0,
        [0, 1, 3],
      ).map((r) => r.maxAbsError),
    ).toEqual([1, 3]);
    expect(
      errorExceedsAt(
        (x) => x,
        () => 0,
        0.5,
        { step: 0.25 },
      ),
    ).toBe(0.75);
    expect(
      errorExceedsAt(
        () => 0,
        () => 0,
        0.5,
      ),
    ).toBeNull();
  });

  it('evaluate integer units on every code: identity error is half an LSB', () => {
    const f = fixedFormat(8, 4);
    const out = fixedFormat(8, 2);
    const s = unitErrorStats({ kind: 'identity' }, f, out, (x) => x, { lo: -4, hi: 4 });
    expect(s.points).toBe(129);
    expect(s.maxAbsError).toBe(0.125);
    expect(() =>
      functionErrorStats(
        (x) => x,
        (x) => x,
        { lo: 1, hi: 0 },
      ),
    ).toThrow(/lo/);
  });
});
