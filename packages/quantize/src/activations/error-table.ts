import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { type FixedFormat, maxCode, minCode } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { type ActivationUnit, activationCode } from './activation-unit.js';

/** Max and mean absolute error of an approximation over an input range. */
export interface ErrorStats {
  /** Lower end of the range evaluated. */
  lo: number;
  /** Upper end of the range evaluated. */
  hi: number;
  /** Number of points evaluated. */
  points: number;
  /** max |approx(x) − reference(x)|. */
  maxAbsError: number;
  /** mean |approx(x) − reference(x)| over the points. */
  meanAbsError: number;
  /** An x where the max is reached. */
  argMax: number;
}

/** Options of {@link functionErrorStats}. */
export interface FunctionErrorOptions {
  /** Range start. */
  lo: number;
  /** Range end (inclusive). */
  hi: number;
  /** Evenly spaced points, ends included. Default 100001. */
  points?: number;
}

/**
 * Error of a float function against a reference on an even grid of `[lo, hi]`.
 *
 * @throws {@link InvalidArgumentError} for `hi ≤ lo` or fewer than 2 points.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { functionErrorStats, sigmoidPlanFloat } from '@latentkit/quantize';
 *
 * const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
 * const s = functionErrorStats(sigmoidPlanFloat, sigmoid, { lo: -8, hi: 8, points: 100_001 });
 * s.maxAbsError; // ≈ 0.019 (PLAN's known worst case), at x = s.argMax
 * ```
 */
export function functionErrorStats(
  approx: (x: number) => number,
  reference: (x: number) => number,
  options: FunctionErrorOptions,
): ErrorStats {
  requireKnownOptions(options, ['lo', 'hi', 'points'], 'functionErrorStats options');
  const { lo, hi } = options;
  const points = options.points ?? 100_001;
  if (!(hi > lo)) throw new InvalidArgumentError('hi', `must exceed lo`);
  if (!Number.isInteger(points) || points < 2) {
    throw new InvalidArgumentError('points', 'must be an integer ≥ 2');
  }
  let max = -1;
  let argMax = lo;
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    const e = Math.abs(approx(x) - reference(x));
    sum += e;
    if (e > max) {
      max = e;
      argMax = x;
    }
  }
  return { lo, hi, points, maxAbsError: max, meanAbsError: sum / points, argMax };
}

/** Options of {@link unitErrorStats}. */
export interface UnitErrorOptions {
  /** Range start (real). Default: the input format's minimum. */
  lo?: number;
  /** Range end (real, inclusive). Default: the input format's maximum. */
  hi?: number;
  /** Rounding of the unit. Default `'half-even'`. */
  rounding?: RoundingMode;
  /** Evaluate at most this many codes (evenly strided, ends included). Default 65536. */
  maxPoints?: number;
}

/**
 * Error of an integer activation unit (approximation + output quantization) against a real
 * reference, over the input codes in `[lo, hi]` — every code when there are at most `maxPoints`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { defaultSigmoid, fixedFormat, unitErrorStats } from '@latentkit/quantize';
 *
 * const inF = fixedFormat(16, 12);
 * const outF = fixedFormat(8, 7);
 * const { unit } = defaultSigmoid(inF, outF);
 * const s = unitErrorStats(unit, inF, outF, (x) => 1 / (1 + Math.exp(-x)), { lo: -8, hi: 8 });
 * // s.maxAbsError: approximation + output rounding, in reals (≥ ½ LSB of s8.7 = 2^−8)
 * ```
 */
export function unitErrorStats(
  unit: ActivationUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  reference: (x: number) => number,
  options: UnitErrorOptions = {},
): ErrorStats {
  requireKnownOptions(options, ['lo', 'hi', 'rounding', 'maxPoints'], 'unitErrorStats options');
  const sIn = 2 ** -inFormat.frac;
  const sOut = 2 ** -outFormat.frac;
  const c0 = Math.max(minCode(inFormat), Math.ceil((options.lo ?? -Infinity) / sIn));
  const c1 = Math.min(maxCode(inFormat), Math.floor((options.hi ?? Infinity) / sIn));
  if (c1 < c0) throw new InvalidArgumentError('hi', 'the range holds no input code');
  const rounding = options.rounding ?? 'half-even';
  const maxPoints = options.maxPoints ?? 65_536;
  const count = Math.min(c1 - c0 + 1, maxPoints);
  let max = -1;
  let argMax = c0 * sIn;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const c = count === 1 ? c0 : c0 + Math.round(((c1 - c0) * i) / (count - 1));
    const x = c * sIn;
    const e = Math.abs(
      activationCode(unit, c, inFormat, outFormat, rounding) * sOut - reference(x),
    );
    sum += e;
    if (e > max) {
      max = e;
      argMax = x;
    }
  }
  return {
    lo: c0 * sIn,
    hi: c1 * sIn,
    points: count,
    maxAbsError: max,
    meanAbsError: sum / count,
    argMax,
  };
}

/** One row of {@link binnedErrorTable}. */
export interface ErrorTableRow extends ErrorStats {}

/**
 * Error stats of a float function on consecutive bins `[edges[i], edges[i+1]]` — e.g. to show
 * where an approximation diverges.
 *
 * @example
 * ```ts
 * import { binnedErrorTable, sigmoidPlanFloat } from '@latentkit/quantize';
 *
 * const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
 * const rows = binnedErrorTable(sigmoidPlanFloat, sigmoid, [0, 1, 2.375, 5, 8]);
 * // 4 rows, one per bin [0, 1], [1, 2.375], …: { lo, hi, points, maxAbsError, meanAbsError, argMax }
 * ```
 */
export function binnedErrorTable(
  approx: (x: number) => number,
  reference: (x: number) => number,
  edges: readonly number[],
  pointsPerBin = 10_001,
): ErrorTableRow[] {
  const rows: ErrorTableRow[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    rows.push(
      functionErrorStats(approx, reference, {
        lo: edges[i]!,
        hi: edges[i + 1]!,
        points: pointsPerBin,
      }),
    );
  }
  return rows;
}

/**
 * The smallest `|x|` in `[0, max]` (scanned in steps of `step`, both signs) at which
 * `|approx(x) − reference(x)|` exceeds `threshold`, or `null` if it never does.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { errorExceedsAt, sigmoidTaylorFloat } from '@latentkit/quantize';
 *
 * const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
 * errorExceedsAt(sigmoidTaylorFloat, sigmoid, 0.01, { max: 8, step: 0.001 });
 * // → 1.808: the smallest |x| where the Taylor series is off by > 0.01 (null if never within ±8)
 * ```
 */
export function errorExceedsAt(
  approx: (x: number) => number,
  reference: (x: number) => number,
  threshold: number,
  options: { max?: number; step?: number } = {},
): number | null {
  requireKnownOptions(options, ['max', 'step'], 'errorExceedsAt options');
  const max = options.max ?? 16;
  const step = options.step ?? 1e-4;
  const n = Math.round(max / step);
  for (let i = 0; i <= n; i++) {
    const x = i * step;
    if (
      Math.abs(approx(x) - reference(x)) > threshold ||
      Math.abs(approx(-x) - reference(-x)) > threshold
    ) {
      return x;
    }
  }
  return null;
}
