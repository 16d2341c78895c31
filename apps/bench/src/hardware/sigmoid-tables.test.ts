import { defaultSigmoid, fixedFormat, type SigmoidUnit, unitErrorStats } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import {
  DIVERGENCE_EDGES,
  formatRangeText,
  sigmoidVariantsTable,
  taylorDivergenceTable,
} from './sigmoid-tables.js';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const inFmt = fixedFormat(12, 7); // [-16, 16), 4096 codes: every code is measured
const outFmt = fixedFormat(12, 10);

describe('sigmoidVariantsTable', () => {
  it('lists PLAN, Taylor and LUTs with errors measured on every input code, marking the chosen unit', () => {
    const chosen = defaultSigmoid(inFmt, outFmt).unit;
    const { table, rows } = sigmoidVariantsTable(inFmt, outFmt, chosen);
    const labels = table.rows.map((r) => r[0]);
    expect(labels).toEqual(expect.arrayContaining(['plan', 'taylor5', 'lut8', 'lut8+interp']));
    expect(table.rows.filter((r) => r[5] === 'yes (default)')).toHaveLength(1);
    // Independent check of one row: PLAN measured directly over every code of the input format.
    const plan: SigmoidUnit = { kind: 'sigmoidPlan' };
    const s = unitErrorStats(plan, inFmt, outFmt, sigma);
    expect(s.points).toBe(4096);
    const planRow = rows.find((r) => r.label === 'plan')!;
    expect(planRow.maxAbsError).toBe(s.maxAbsError);
    expect(planRow.meanAbsError).toBe(s.meanAbsError);
    // PLAN's published max error 0.0189, plus at most half an output step of rounding.
    expect(s.maxAbsError).toBeGreaterThan(0.0185);
    expect(s.maxAbsError).toBeLessThan(0.0189 + 2 ** -11);
    // The Taylor series saturates far from 0: its max error over ±16 is about 1.
    expect(rows.find((r) => r.label === 'taylor5')!.maxAbsError).toBeGreaterThan(0.9);
  });

  it('lists the chosen unit even when it is not among the usual labels', () => {
    const chosen = defaultSigmoid(inFmt, outFmt, { maxLutEntries: 16, maxMultipliers: 1 }).unit;
    const { table } = sigmoidVariantsTable(inFmt, outFmt, chosen);
    expect(table.rows.some((r) => r[5] === 'yes (default)')).toBe(true);
  });
});

describe('taylorDivergenceTable', () => {
  it('shows the Taylor series accurate near 0 and diverging beyond |x| ≈ 2', () => {
    const t = taylorDivergenceTable();
    expect(t.rows).toHaveLength(DIVERGENCE_EDGES.length - 1);
    const max = t.rows.map((r) => Number(r[1]));
    // [0, 1]: at most 1.9e-4 (the closed form's error there, at x = 1: 0.73106 − 0.73125).
    expect(max[0]).toBeLessThan(2e-4);
    expect(max[0]).toBeGreaterThan(1.8e-4);
    // Monotone growth, and at x = 8: |1/2 + 2 − 512/48 + 32768/480 − σ(8)| ≈ 59.
    for (let i = 1; i < max.length; i++) expect(max[i]!).toBeGreaterThan(max[i - 1]!);
    const at8 = 0.5 + 8 / 4 - 512 / 48 + 32768 / 480 - sigma(8);
    expect(max.at(-1)).toBeCloseTo(at8, 3);
    // PLAN stays within its published max error (0.01894, at x → 1⁻) everywhere.
    for (const r of t.rows) expect(Number(r[3])).toBeLessThanOrEqual(0.019);
  });
});

describe('formatRangeText', () => {
  it('names the format and its real range', () => {
    expect(formatRangeText(fixedFormat(16, 11))).toBe('s16.11 ∈ [-16, 15.9995]');
  });
});
