import { describe, expect, it } from 'vitest';
import { fixedFormat } from '../fixed/fixed-format.js';
import { defaultSigmoid, sigmoidCandidates } from './default-sigmoid.js';

describe('defaultSigmoid', () => {
  it('picks the most accurate candidate within the budget', () => {
    const inF = fixedFormat(16, 11);
    const outF = fixedFormat(16, 14);
    const all = sigmoidCandidates(inF, outF);
    const best = defaultSigmoid(inF, outF);
    const fitting = all.filter((c) => c.lutEntries <= 1024 && c.multipliers <= 1);
    expect(best.maxAbsError).toBe(Math.min(...fitting.map((c) => c.maxAbsError)));
    expect(best.label).toMatch(/interp/);
    // Taylor over the whole ±16 range is far off; PLAN is 0.019.
    expect(all.find((c) => c.label === 'taylor5')!.maxAbsError).toBeGreaterThan(1);
    expect(all.find((c) => c.label === 'plan')!.maxAbsError).toBeCloseTo(0.0189, 3);
    expect(defaultSigmoid(inF, outF, { maxLutEntries: 0, maxMultipliers: 0 }).label).toBe('plan');
    expect(defaultSigmoid(inF, outF, { maxLutEntries: 256, maxMultipliers: 0 }).label).toBe('lut8');
  });

  it('uses one entry per code for narrow inputs', () => {
    const best = defaultSigmoid(fixedFormat(8, 4), fixedFormat(8, 6));
    expect(best.unit.kind).toBe('lut');
    expect(best.lutEntries).toBeLessThanOrEqual(256);
  });
});
