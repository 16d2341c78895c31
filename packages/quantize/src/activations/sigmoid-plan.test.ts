import { describe, expect, it } from 'vitest';
import { fixedFormat } from '../fixed/fixed-format.js';
import { dequantize } from '../fixed/quantize.js';
import { functionErrorStats, unitErrorStats } from './error-table.js';
import { sigmoidPlanCode, sigmoidPlanFloat } from './sigmoid-plan.js';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('PLAN sigmoid', () => {
  it('has the published max error 0.0189 and mean 0.0059 (Amin et al. 1997)', () => {
    const s = functionErrorStats(sigmoidPlanFloat, sigma, { lo: -8, hi: 8, points: 1_600_001 });
    expect(s.maxAbsError).toBeCloseTo(0.0189, 4); // measured 0.018941 at |x| → 1⁻
    expect(Math.abs(Math.abs(s.argMax) - 1)).toBeLessThan(1e-4);
    expect(s.meanAbsError).toBeCloseTo(0.0059, 4);
  });

  it('follows its table and symmetry', () => {
    expect(sigmoidPlanFloat(0)).toBe(0.5);
    expect(sigmoidPlanFloat(0.5)).toBe(0.625);
    expect(sigmoidPlanFloat(2)).toBe(0.875);
    expect(sigmoidPlanFloat(4)).toBe(0.96875);
    expect(sigmoidPlanFloat(6)).toBe(1);
    for (const x of [0.3, 1.7, 3.1, 7]) expect(sigmoidPlanFloat(-x)).toBe(1 - sigmoidPlanFloat(x));
  });

  it('integer unit = float PLAN at the input code, rounded once (exact when the output is fine enough)', () => {
    const inF = fixedFormat(12, 8);
    const fine = fixedFormat(24, 20); // ≥ F + 5 fraction bits: no rounding at all
    for (let c = -2048; c < 2048; c++) {
      expect(dequantize(sigmoidPlanCode(c, inF, fine, 'half-even'), fine)).toBe(
        sigmoidPlanFloat(dequantize(c, inF)),
      );
    }
    const out = fixedFormat(16, 14);
    const s = unitErrorStats({ kind: 'sigmoidPlan' }, fixedFormat(16, 12), out, sigma);
    expect(s.maxAbsError).toBeLessThanOrEqual(0.018942 + 2 ** -15);
    expect(s.maxAbsError).toBeGreaterThan(0.0188);
  });
});
