import { requireKnownOptions } from '@latentkit/core';
import { checkCode, checkFormat, type FixedFormat } from './fixed-format.js';
import type { QuantizeOptions } from './quantize.js';
import {
  applyOverflow,
  checkOverflowMode,
  checkRoundingMode,
  type OverflowMode,
  type RoundingMode,
  shiftRightRound,
} from './rounding.js';

/**
 * Converts a code of format `from` to format `to`: the hardware "shift, round, clip" step.
 *
 * With `s = from.frac − to.frac`:
 * - `s > 0` (fewer fraction bits): the exact rational `code / 2^s` rounded with `rounding`
 *   (for `'truncate'` an arithmetic right shift by `s`; for `'half-up'` add `2^(s−1)` then shift);
 * - `s ≤ 0`: a left shift `code · 2^−s` (exact, no rounding);
 * - then `overflow` maps the result into `to`'s range (saturate or wrap).
 *
 * The result equals `quantize(dequantize(code, from), to, options)` — the rounding of the exact
 * value — and is integer-exact for every valid code (only power-of-two scalings of integers
 * below 2^53 and exact `%` are used).
 *
 * @param code - A code of `from` (an integer in its range; unchecked if `from` is wider than
 *   needed — the value just has to be an exact integer).
 * @throws {@link QuantizationError} for a bad format or a code outside `from`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { fixedFormat, requantize } from '@latentkit/quantize';
 *
 * // the accumulator s32.24 → an activation s8.4: shift right by 20, round, saturate
 * requantize(0.75 * 2 ** 24, fixedFormat(32, 24), fixedFormat(8, 4)); // → 12
 * requantize(100 * 2 ** 24, fixedFormat(32, 24), fixedFormat(8, 4)); // → 127
 * ```
 */
export function requantize(
  code: number,
  from: FixedFormat,
  to: FixedFormat,
  options: QuantizeOptions = {},
): number {
  requireKnownOptions(options, ['rounding', 'overflow'], 'requantize options');
  checkFormat(from, 'from');
  checkFormat(to, 'to');
  checkCode(code, from, 'code');
  const rounding = options.rounding ?? 'half-even';
  const overflow = options.overflow ?? 'saturate';
  checkRoundingMode(rounding);
  checkOverflowMode(overflow);
  return requantizeUnchecked(code, from.frac, to, rounding, overflow);
}

/**
 * {@link requantize} for a code with `fromFrac` fraction bits, without validation: `code` must be
 * an integer of magnitude ≤ 2^53. Used by the golden model on accumulator values.
 */
export function requantizeUnchecked(
  code: number,
  fromFrac: number,
  to: FixedFormat,
  rounding: RoundingMode,
  overflow: OverflowMode,
): number {
  const s = fromFrac - to.frac;
  // For s < 0 the product is an exact double (a power-of-two scaling) of any magnitude;
  // applyOverflow handles values beyond 2^53 exactly.
  const v = s > 0 ? shiftRightRound(code, s, rounding) : code * 2 ** -s;
  return applyOverflow(v, to, overflow);
}
