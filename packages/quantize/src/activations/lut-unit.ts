import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { QuantizationError } from '../errors/quantization-error.js';
import { checkFormat, type FixedFormat, maxCode, minCode } from '../fixed/fixed-format.js';
import { quantize } from '../fixed/quantize.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { toFormat } from './big-fixed.js';

/** Functions a {@link LutUnit} can tabulate. `expHalf(v) = exp(v / 2)` (σ from log σ²). */
export type LutFunction = 'sigmoid' | 'tanh' | 'expHalf';

/** The real function of a {@link LutFunction}. */
export function lutFunction(fn: LutFunction): (x: number) => number {
  if (fn === 'sigmoid') return (x) => 1 / (1 + Math.exp(-x));
  if (fn === 'tanh') return Math.tanh;
  if (fn === 'expHalf') return (x) => Math.exp(x / 2);
  throw new QuantizationError('unsupported-activation', `no LUT function '${String(fn)}'`);
}

/**
 * A lookup-table activation unit (plain data; the table is what a ROM holds).
 *
 * Addressing (integer, `code` in the unit's input format): `d = code − start`;
 * `index = d >> stepShift` (floor); `offset = d & (2^stepShift − 1)`. With `N = 2^addressBits`:
 *
 * - no interpolation (`table` has N entries, entry i = f at the centre of segment i):
 *   `d < 0 → table[0]`; `index ≥ N → table[N−1]`; else `table[index]`.
 * - interpolation (`table` has N + 1 entries, entry i = f at `start + i·2^stepShift`):
 *   `d < 0 → table[0]`; `index ≥ N → table[N]`; else the exact value
 *   `table[index]·2^stepShift + (table[index+1] − table[index])·offset` (fraction
 *   `outFormat.frac + stepShift`) rounded into the output format (rounding mode, saturate).
 *   One multiplier of `width × stepShift` bits.
 *
 * Table entries are codes of the output format (nearest, ties to even, saturated).
 */
export interface LutUnit {
  /** Discriminant. */
  kind: 'lut';
  /** The tabulated function (informational: evaluation only reads `table`). */
  fn: LutFunction;
  /** First input code covered. */
  start: number;
  /** log2 of the input codes per table segment (≥ 0). */
  stepShift: number;
  /** log2 of the number of segments. */
  addressBits: number;
  /** Linear interpolation between entries. */
  interpolate: boolean;
  /** Output codes: `2^addressBits` entries, or `2^addressBits + 1` with interpolation. */
  table: number[];
}

/**
 * Options of {@link buildLutUnit}.
 *
 * @internal
 */
export interface BuildLutOptions {
  /** log2 of the number of segments, integer in [1, 16]. Default 8. */
  addressBits?: number;
  /** Lower end of the covered input range (real). Default: −8 for sigmoid/tanh, else the input format's minimum. */
  lo?: number;
  /** Upper end of the covered input range (real). Default: 8 for sigmoid/tanh, else the format's maximum. */
  hi?: number;
  /** Interpolate linearly between entries. Default `false`. */
  interpolate?: boolean;
}

/**
 * Tabulates `fn` for inputs in `inFormat` and outputs in `outFormat`. The covered range starts at
 * the code of `lo` (clipped to the format) and spans `2^(addressBits + stepShift)` codes, where
 * `stepShift` is the smallest with that span ≥ the codes of `[lo, hi]`. If the format has fewer
 * codes than entries, `addressBits` shrinks so that `stepShift = 0` (one entry per code).
 *
 * @throws {@link InvalidArgumentError} for bad options; {@link QuantizationError} for bad formats.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @internal
 */
export function buildLutUnit(
  fn: LutFunction,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  options: BuildLutOptions = {},
): LutUnit {
  requireKnownOptions(options, ['addressBits', 'lo', 'hi', 'interpolate'], 'buildLutUnit options');
  checkFormat(inFormat, 'inFormat');
  checkFormat(outFormat, 'outFormat');
  const f = lutFunction(fn);
  const bounded = fn !== 'expHalf';
  const lo = Math.max(
    options.lo ?? (bounded ? -8 : -Infinity),
    minCode(inFormat) / 2 ** inFormat.frac,
  );
  const hi = Math.min(
    options.hi ?? (bounded ? 8 : Infinity),
    maxCode(inFormat) / 2 ** inFormat.frac,
  );
  if (!(hi > lo)) throw new InvalidArgumentError('hi', `must exceed lo (${lo}), got ${hi}`);
  let addressBits = options.addressBits ?? 8;
  if (!Number.isInteger(addressBits) || addressBits < 1 || addressBits > 16) {
    throw new InvalidArgumentError(
      'addressBits',
      `must be an integer in [1, 16], got ${addressBits}`,
    );
  }
  const start = Math.max(minCode(inFormat), Math.floor(lo * 2 ** inFormat.frac));
  const end = Math.min(maxCode(inFormat), Math.ceil(hi * 2 ** inFormat.frac));
  const span = end - start + 1;
  while (addressBits > 1 && 2 ** (addressBits - 1) >= span) addressBits--;
  let stepShift = 0;
  while (2 ** (addressBits + stepShift) < span) stepShift++;
  const interpolate = options.interpolate ?? false;
  const n = 2 ** addressBits;
  const step = 2 ** stepShift;
  const scale = 2 ** -inFormat.frac;
  const table: number[] = [];
  const entries = interpolate ? n + 1 : n;
  for (let i = 0; i < entries; i++) {
    // Centre of the codes of segment i, or its left edge with interpolation.
    const c = interpolate ? start + i * step : start + i * step + (step - 1) / 2;
    table.push(quantize(f(c * scale), outFormat, { rounding: 'half-even', overflow: 'saturate' }));
  }
  return { kind: 'lut', fn, start, stepShift, addressBits, interpolate, table };
}

/** Table entry `i` of a unit, or a typed error when a malformed table lacks it. */
function lutEntry(unit: LutUnit, i: number): number {
  const c = unit.table[i];
  if (c === undefined) {
    const need = 2 ** unit.addressBits + (unit.interpolate ? 1 : 0);
    throw new QuantizationError(
      'inconsistent-model',
      `LUT unit: no table entry ${i} (the table has ${unit.table.length} of the ${need} codes ${unit.addressBits} address bits need; see checkLutUnit)`,
    );
  }
  return c;
}

/**
 * Evaluates a {@link LutUnit} on an input code (see its addressing rules).
 *
 * @param rounding - Rounding of the interpolated value (unused without interpolation).
 * @throws {@link QuantizationError} (`inconsistent-model`) if the table lacks the entry the code
 *   addresses (a unit that {@link checkLutUnit} would refuse).
 */
export function lutCode(
  unit: LutUnit,
  code: number,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): number {
  const n = 2 ** unit.addressBits;
  const d = code - unit.start;
  if (d < 0) return lutEntry(unit, 0);
  const index = Math.floor(d / 2 ** unit.stepShift);
  if (!unit.interpolate) return lutEntry(unit, index >= n ? n - 1 : index);
  if (index >= n) return lutEntry(unit, n);
  const offset = BigInt(d - index * 2 ** unit.stepShift);
  const a = BigInt(lutEntry(unit, index));
  const b = BigInt(lutEntry(unit, index + 1));
  const v = (a << BigInt(unit.stepShift)) + (b - a) * offset;
  return toFormat(v, outFormat.frac + unit.stepShift, outFormat, rounding);
}

/**
 * Largest `stepShift` of a LUT: input codes are at most 53 bits wide and `start` a safe integer,
 * so a segment never needs to span more than 2⁵⁴ codes; a larger shift (read from JSON) would make
 * `2 ** stepShift` infinite and the interpolation's BigInt shift unbounded.
 */
const MAX_STEP_SHIFT = 64;

/**
 * Checks a {@link LutUnit}'s shape (e.g. read from JSON) against its output format.
 *
 * @throws {@link QuantizationError} (`inconsistent-model`).
 */
export function checkLutUnit(unit: LutUnit, outFormat: FixedFormat, what: string): void {
  if (unit === null || typeof unit !== 'object') {
    throw new QuantizationError('inconsistent-model', `${what}: expected a LUT unit object`);
  }
  const n = 2 ** unit.addressBits + (unit.interpolate ? 1 : 0);
  const ok =
    Number.isInteger(unit.addressBits) &&
    unit.addressBits >= 1 &&
    unit.addressBits <= 16 &&
    Number.isInteger(unit.stepShift) &&
    unit.stepShift >= 0 &&
    unit.stepShift <= MAX_STEP_SHIFT &&
    Number.isSafeInteger(unit.start) &&
    Array.isArray(unit.table) &&
    unit.table.length === n &&
    unit.table.every(
      (c) => Number.isInteger(c) && c >= minCode(outFormat) && c <= maxCode(outFormat),
    );
  if (!ok) {
    throw new QuantizationError(
      'inconsistent-model',
      `${what}: malformed LUT (need 1–16 address bits, a stepShift in [0, ${MAX_STEP_SHIFT}], a safe-integer start and ${n} integer codes of the output format)`,
    );
  }
}
