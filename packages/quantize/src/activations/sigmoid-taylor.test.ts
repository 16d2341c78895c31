import { describe, expect, it } from 'vitest';
import { fixedFormat } from '../fixed/fixed-format.js';
import { binnedErrorTable, errorExceedsAt, unitErrorStats } from './error-table.js';
import { sigmoidTaylorCode, sigmoidTaylorFloat } from './sigmoid-taylor.js';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('Taylor sigmoid (5th order, the seed design)', () => {
  it('matches the series coefficients of σ around 0', () => {
    // σ(x) − 1/2 = x/4 − x³/48 + x⁵/480 − 17x⁷/80640 + …: the error is ~17x⁷/80640 near 0.
    for (const x of [0.05, 0.1, 0.2]) {
      const err = sigmoidTaylorFloat(x) - sigma(x);
      expect(err / ((17 * x ** 7) / 80640)).toBeCloseTo(1, 1);
    }
  });

  it('diverges beyond |x| ≈ 1.8 (error > 0.01) and ≈ 2.6 (error > 0.1)', () => {
    const at001 = errorExceedsAt(sigmoidTaylorFloat, sigma, 0.01)!;
    const at01 = errorExceedsAt(sigmoidTaylorFloat, sigma, 0.1)!;
    expect(at001).toBeGreaterThan(1.79);
    expect(at001).toBeLessThan(1.82); // measured 1.808
    expect(at01).toBeGreaterThan(2.58);
    expect(at01).toBeLessThan(2.61); // measured 2.598
    const table = binnedErrorTable(sigmoidTaylorFloat, sigma, [0, 1, 2, 3, 4, 8]);
    expect(table[0]!.maxAbsError).toBeLessThan(0.001);
    expect(table[1]!.maxAbsError).toBeGreaterThan(0.01);
    expect(table[4]!.maxAbsError).toBeGreaterThan(50); // ≈ 54 at x = 8
  });

  it('integer pipeline tracks the float series within a few output LSBs where it is bounded', () => {
    const inF = fixedFormat(16, 12);
    const outF = fixedFormat(16, 14);
    const s = unitErrorStats(
      { kind: 'sigmoidTaylor', guardBits: 6 },
      inF,
      outF,
      sigmoidTaylorFloat,
      {
        lo: -2.5,
        hi: 2.5,
      },
    );
    // Output rounding (½ LSB) + floors and the rounded constant k5 (x⁵ ≈ 98 at 2.5): < 2 LSBs.
    expect(s.maxAbsError).toBeLessThan(2 ** -13);
    // Far out the polynomial leaves the output range and saturates.
    expect(sigmoidTaylorCode(8 * 4096, inF, outF, 'half-even')).toBe(2 ** 15 - 1);
    expect(sigmoidTaylorCode(-8 * 4096, inF, outF, 'half-even')).toBe(-(2 ** 15));
  });
});
