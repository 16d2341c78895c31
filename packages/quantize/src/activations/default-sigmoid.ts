import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { unitErrorStats } from './error-table.js';
import { buildLutUnit } from './lut-unit.js';
import { DEFAULT_TAYLOR_GUARD_BITS } from './sigmoid-taylor.js';
import type { SigmoidUnit } from './sigmoid-unit.js';

/** Hardware budget of one sigmoid unit, for {@link defaultSigmoid}. */
export interface SigmoidBudget {
  /** Most ROM entries allowed. Default 1024 (one RAMB18 of 1024 × 18 bits). */
  maxLutEntries?: number;
  /** Most multipliers allowed. Default 1 (LUT interpolation needs 1, Taylor 5, PLAN 0). */
  maxMultipliers?: number;
}

/** A sigmoid unit with its measured accuracy and cost. */
export interface SigmoidCandidate {
  /** The unit. */
  unit: SigmoidUnit;
  /** Human-readable name, e.g. `'lut8+interp'`. */
  label: string;
  /** ROM entries. */
  lutEntries: number;
  /** Multipliers. */
  multipliers: number;
  /** Measured max |unit − σ| over the input format's range. */
  maxAbsError: number;
  /** Measured mean |unit − σ| over the same points. */
  meanAbsError: number;
}

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Every sigmoid unit considered by {@link defaultSigmoid} for these formats, with its error
 * against the exact sigmoid measured over the whole input format range (every code, or 4096
 * evenly strided codes when there are more): PLAN (if `inFormat.frac ≥ 0`), the Taylor series,
 * and LUTs over [−8, 8) and [−16, 16) (label suffix `@16`; clipped to the format) with 4–10
 * address bits, with and without interpolation. Outside its range a LUT returns its end entry.
 *
 * @example
 * ```ts
 * import { fixedFormat, sigmoidCandidates } from '@latentkit/quantize';
 *
 * for (const c of sigmoidCandidates(fixedFormat(16, 12), fixedFormat(8, 7))) {
 *   console.log(c.label, c.lutEntries, c.multipliers, c.maxAbsError); // cost vs. error
 * }
 * ```
 */
export function sigmoidCandidates(
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode = 'half-even',
): SigmoidCandidate[] {
  const units: [SigmoidUnit, string, number, number][] = [];
  if (inFormat.frac >= 0) units.push([{ kind: 'sigmoidPlan' }, 'plan', 0, 0]);
  units.push([{ kind: 'sigmoidTaylor', guardBits: DEFAULT_TAYLOR_GUARD_BITS }, 'taylor5', 0, 5]);
  for (const range of [8, 16]) {
    for (let a = 4; a <= 10; a++) {
      for (const interpolate of [false, true]) {
        const lut = buildLutUnit('sigmoid', inFormat, outFormat, {
          addressBits: a,
          interpolate,
          lo: -range,
          hi: range,
        });
        const label = `lut${lut.addressBits}${interpolate ? '+interp' : ''}${range === 16 ? '@16' : ''}`;
        if (units.some(([u]) => JSON.stringify(u) === JSON.stringify(lut))) continue; // duplicates
        units.push([lut, label, lut.table.length, interpolate && lut.stepShift > 0 ? 1 : 0]);
      }
    }
  }
  return units.map(([unit, label, lutEntries, multipliers]) => {
    const s = unitErrorStats(unit, inFormat, outFormat, sigma, { rounding, maxPoints: 4096 });
    return {
      unit,
      label,
      lutEntries,
      multipliers,
      maxAbsError: s.maxAbsError,
      meanAbsError: s.meanAbsError,
    };
  });
}

/**
 * The default sigmoid unit for an input and output format: among {@link sigmoidCandidates} that
 * fit the budget (ROM entries ≤ `maxLutEntries`, multipliers ≤ `maxMultipliers`), the one with the
 * smallest measured max |error| over the input format's range; ties go to the cheaper unit
 * (fewer multipliers, then fewer entries). PLAN always fits, so there is always a choice.
 *
 * With the default budget (1024 entries, 1 multiplier) this is usually an interpolated LUT for
 * wide formats and a plain LUT for narrow ones; with `{ maxLutEntries: 0, maxMultipliers: 0 }`
 * it is PLAN.
 *
 * @example
 * ```ts
 * import { defaultSigmoid, fixedFormat } from '@latentkit/quantize';
 *
 * const best = defaultSigmoid(fixedFormat(16, 12), fixedFormat(8, 7), { maxLutEntries: 256 });
 * best.label; // which approximation won: 'lut5+interp' (32 entries and one multiplier)
 * best.maxAbsError; // its worst |error| against the exact sigmoid, in output units (reals)
 * ```
 */
export function defaultSigmoid(
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  budget: SigmoidBudget = {},
  rounding: RoundingMode = 'half-even',
): SigmoidCandidate {
  const maxEntries = budget.maxLutEntries ?? 1024;
  const maxMult = budget.maxMultipliers ?? 1;
  const fits = sigmoidCandidates(inFormat, outFormat, rounding).filter(
    (c) => c.lutEntries <= maxEntries && c.multipliers <= maxMult,
  );
  fits.sort(
    (a, b) =>
      a.maxAbsError - b.maxAbsError || a.multipliers - b.multipliers || a.lutEntries - b.lutEntries,
  );
  // PLAN costs nothing and always fits; without it (inFormat.frac < 0) and with a budget too
  // small for any LUT, fall back to the most accurate candidate regardless of cost.
  return (
    fits[0] ??
    sigmoidCandidates(inFormat, outFormat, rounding).sort(
      (a, b) => a.maxAbsError - b.maxAbsError,
    )[0]!
  );
}
