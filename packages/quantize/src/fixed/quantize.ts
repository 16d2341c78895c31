import { NonFiniteError, requireKnownOptions } from '@latentkit/core';
import { checkFormat, type FixedFormat } from './fixed-format.js';
import {
  applyOverflow,
  checkOverflowMode,
  checkRoundingMode,
  type OverflowMode,
  type RoundingMode,
  roundScaled,
} from './rounding.js';

/** Rounding and overflow handling of a conversion to a fixed-point format. */
export interface QuantizeOptions {
  /** Default `'half-even'`. */
  rounding?: RoundingMode;
  /** Default `'saturate'`. */
  overflow?: OverflowMode;
}

/**
 * The code of the real `x` in `format`: round `x · 2^frac` with `rounding`, then map it into the
 * code range with `overflow`. Integer-exact: `x · 2^frac` is an exact double (scaling by a power
 * of two), rounding and overflow are exact (see {@link roundScaled}, {@link applyOverflow}).
 * A value whose scaled magnitude exceeds the largest double saturates, or wraps to 0 (such a
 * value is a multiple of 2^width); one that underflows to zero rounds as the tiny number it is.
 *
 * @example
 * ```ts
 * import { fixedFormat, quantize } from '@latentkit/quantize';
 *
 * const s8_4 = fixedFormat(8, 4); // 8-bit signed, 4 fraction bits: −8 … 7.9375 in steps of 1/16
 * quantize(0.75, s8_4); // → 12 (0.75 · 2⁴)
 * quantize(100, s8_4); // → 127 (saturated)
 * quantize(0.03125, s8_4, { rounding: 'half-even' }); // → 0 (½ LSB rounds to even)
 * ```
 * @throws {@link NonFiniteError} for NaN or ±Infinity; {@link QuantizationError} for a bad
 *   format; {@link UnknownOptionError} for an unknown mode.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function quantize(x: number, format: FixedFormat, options: QuantizeOptions = {}): number {
  requireKnownOptions(options, ['rounding', 'overflow'], 'quantize options');
  checkFormat(format);
  const rounding = options.rounding ?? 'half-even';
  const overflow = options.overflow ?? 'saturate';
  checkRoundingMode(rounding);
  checkOverflowMode(overflow);
  return quantizeUnchecked(x, format, rounding, overflow);
}

/** {@link quantize} without option validation (for hot loops over validated settings). */
export function quantizeUnchecked(
  x: number,
  format: FixedFormat,
  rounding: RoundingMode,
  overflow: OverflowMode,
): number {
  if (!Number.isFinite(x)) throw new NonFiniteError('x', String(x));
  const t = x * 2 ** format.frac;
  let r: number;
  if (t === 0 && x !== 0) {
    // x·2^frac underflowed: the true value is a tiny non-zero number.
    r = rounding === 'truncate' && x < 0 ? -1 : 0;
  } else {
    r = roundScaled(t, rounding);
  }
  return applyOverflow(r, format, overflow);
}

/**
 * The real value of `code` in `format`: `code · 2^−frac` (exact for every valid code).
 *
 * @example
 * ```ts
 * import { dequantize, fixedFormat } from '@latentkit/quantize';
 *
 * dequantize(12, fixedFormat(8, 4)); // → 0.75 (12 · 2^−4)
 * dequantize(-128, fixedFormat(8, 4)); // → −8
 * ```
 */
export function dequantize(code: number, format: FixedFormat): number {
  return code * 2 ** -format.frac;
}

/**
 * {@link quantize} applied to every element.
 *
 * @returns Codes as a `Float64Array` (every code is an exact integer; widths ≤ 53).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { fixedFormat, quantizeArray } from '@latentkit/quantize';
 *
 * quantizeArray([0.75, -1, 100], fixedFormat(8, 4)); // → Float64Array [12, −16, 127] (saturated)
 * quantizeArray([100], fixedFormat(8, 4), { overflow: 'wrap' }); // → Float64Array [64] (1600 mod 256)
 * ```
 */
export function quantizeArray(
  values: ArrayLike<number>,
  format: FixedFormat,
  options: QuantizeOptions = {},
): Float64Array {
  requireKnownOptions(options, ['rounding', 'overflow'], 'quantizeArray options');
  checkFormat(format);
  const rounding = options.rounding ?? 'half-even';
  const overflow = options.overflow ?? 'saturate';
  checkRoundingMode(rounding);
  checkOverflowMode(overflow);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = quantizeUnchecked(values[i]!, format, rounding, overflow);
  }
  return out;
}

/**
 * {@link dequantize} applied to every element.
 *
 * @example
 * ```ts
 * import { dequantizeArray, fixedFormat } from '@latentkit/quantize';
 *
 * dequantizeArray([12, -16, 127], fixedFormat(8, 4)); // → Float64Array [0.75, −1, 7.9375]
 * ```
 */
export function dequantizeArray(codes: ArrayLike<number>, format: FixedFormat): Float64Array {
  const out = new Float64Array(codes.length);
  const s = 2 ** -format.frac;
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! * s;
  return out;
}
