import {
  type ActivationUnit,
  binnedErrorTable,
  type FixedFormat,
  formatRange,
  formatToString,
  type SigmoidCandidate,
  sigmoidCandidates,
  sigmoidPlanFloat,
  sigmoidTaylorFloat,
} from '@latentkit/quantize';
import type { BenchTable } from '../benchmark.js';

/** Labels of the sigmoid candidates shown in {@link sigmoidVariantsTable} (if present). */
export const SHOWN_SIGMOID_LABELS: readonly string[] = [
  'plan',
  'taylor5',
  'lut6',
  'lut8',
  'lut10',
  'lut6+interp',
  'lut8+interp',
  'lut10+interp',
  'lut10+interp@16',
];

const sci = (v: number): string => (v >= 1e-3 ? v.toFixed(5) : v.toExponential(2));

const sameUnit = (a: ActivationUnit, b: ActivationUnit) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The sigmoid circuits a layer could use between its activation formats (PLAN, the seed's
 * 5th-order Taylor series, LUTs with and without interpolation), each with its measured max and
 * mean |error| against the exact sigmoid over every input code of `inFormat` (4096 evenly strided
 * codes at most, as `sigmoidCandidates` measures them; outputs rounded into `outFormat`) and its
 * cost; the unit the layer uses (`chosen`) is marked and always listed.
 *
 * @returns The table, and the candidate rows it shows (for the JSON results).
 */
export function sigmoidVariantsTable(
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  chosen: ActivationUnit,
): { table: BenchTable; rows: SigmoidCandidate[] } {
  const all = sigmoidCandidates(inFormat, outFormat);
  const rows = all.filter(
    (c) => SHOWN_SIGMOID_LABELS.includes(c.label) || sameUnit(c.unit, chosen),
  );
  return {
    table: {
      columns: ['unit', 'ROM entries', 'multipliers', 'max |error|', 'mean |error|', 'used'],
      rows: rows.map((c) => [
        c.label,
        String(c.lutEntries),
        String(c.multipliers),
        sci(c.maxAbsError),
        sci(c.meanAbsError),
        sameUnit(c.unit, chosen) ? 'yes (default)' : '',
      ]),
    },
    rows,
  };
}

/** |x| bin edges of {@link taylorDivergenceTable}. */
export const DIVERGENCE_EDGES: readonly number[] = [0, 1, 1.5, 2, 2.5, 3, 4, 6, 8];

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Where the float Taylor series (σ ≈ ½ + x/4 − x³/48 + x⁵/480) diverges from the sigmoid, next
 * to PLAN: max and mean |error| on bins of x ≥ 0 (both errors are odd-symmetric about (0, ½), so
 * negative x give the same figures), 2001 points per bin.
 */
export function taylorDivergenceTable(edges: readonly number[] = DIVERGENCE_EDGES): BenchTable {
  const taylor = binnedErrorTable(sigmoidTaylorFloat, sigma, edges, 2001);
  const plan = binnedErrorTable(sigmoidPlanFloat, sigma, edges, 2001);
  return {
    columns: ['x range', 'Taylor max |error|', 'Taylor mean |error|', 'PLAN max |error|'],
    rows: taylor.map((t, i) => [
      `[${t.lo}, ${t.hi}]`,
      sci(t.maxAbsError),
      sci(t.meanAbsError),
      sci(plan[i]!.maxAbsError),
    ]),
  };
}

/**
 * A format and its real range as text, e.g. `s16.11 ∈ [-16, 15.9995]` (the maximum to six
 * significant digits).
 */
export function formatRangeText(format: FixedFormat): string {
  const r = formatRange(format);
  return `${formatToString(format)} ∈ [${r.min}, ${Number(r.max.toPrecision(6))}]`;
}
