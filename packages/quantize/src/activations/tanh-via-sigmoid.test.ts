import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { fixedFormat } from '../fixed/fixed-format.js';
import { activationCode } from './activation-unit.js';
import { unitErrorStats } from './error-table.js';
import { sigmoidPlanFloat } from './sigmoid-plan.js';
import { activationUnitFor } from './unit-for-activation.js';

describe('tanh via 2σ(2x) − 1', () => {
  it('with PLAN equals 2·PLAN(2x) − 1 exactly on a fine output, and its error is twice PLAN’s', () => {
    const inF = fixedFormat(12, 8);
    const outF = fixedFormat(24, 20);
    const unit = activationUnitFor('tanh', inF, outF, { sigmoid: 'plan' });
    for (let c = -2048; c < 2048; c += 7) {
      const got = activationCode(unit, c, inF, outF, 'half-even') / 2 ** 20;
      expect(got).toBe(2 * sigmoidPlanFloat((2 * c) / 256) - 1);
    }
    const s = unitErrorStats(unit, inF, outF, Math.tanh);
    expect(s.maxAbsError).toBeCloseTo(2 * 0.018941, 3);
  });

  it('with an interpolated LUT is accurate, and rejects formats it cannot build', () => {
    const inF = fixedFormat(16, 12);
    const outF = fixedFormat(16, 14);
    const unit = activationUnitFor('tanh', inF, outF, { sigmoid: 'lutInterpolated' });
    expect(unitErrorStats(unit, inF, outF, Math.tanh).maxAbsError).toBeLessThan(1e-3);
    expect(() => activationUnitFor('tanh', inF, fixedFormat(53, 10))).toThrow(QuantizationError);
  });
});
