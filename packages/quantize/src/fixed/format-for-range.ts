import { InvalidArgumentError } from '@latentkit/core';
import { QuantizationError } from '../errors/quantization-error.js';
import { type FixedFormat, fixedFormat, MAX_FIXED_FRAC, MAX_FIXED_WIDTH } from './fixed-format.js';

/**
 * The `width`-bit format with the most fraction bits whose range holds `[−maxAbs, maxAbs]`
 * without saturating, whatever the rounding: the largest `frac` with
 * `maxAbs · 2^frac ≤ 2^(width−1) − 1` (checked exactly, not via a logarithm).
 * `maxAbs = 0` gives `frac = width − 2` (range ±2), an arbitrary but harmless choice.
 *
 * @param maxAbs - Largest magnitude to represent, finite and ≥ 0.
 * @param width - Total bits, integer in [2, 53].
 * @throws {@link InvalidArgumentError} for a negative or non-finite `maxAbs`;
 *   {@link QuantizationError} (`bad-width`) for a bad width, or (`overflow`) when even
 *   `frac = −128` cannot hold `maxAbs`.
 *
 * @example
 * ```ts
 * import { formatForMaxAbs, formatToString } from '@latentkit/quantize';
 *
 * formatToString(formatForMaxAbs(3.2, 8)); // → 's8.5': range −4 … 3.97, the most fraction bits
 * formatToString(formatForMaxAbs(0.2, 8)); // → 's8.9': frac > width − 1 for small ranges
 * ```
 */
export function formatForMaxAbs(maxAbs: number, width: number): FixedFormat {
  if (!Number.isFinite(maxAbs) || maxAbs < 0) {
    throw new InvalidArgumentError('maxAbs', `must be finite and ≥ 0, got ${maxAbs}`);
  }
  fixedFormat(width, 0); // validates width
  if (maxAbs === 0) return fixedFormat(width, width - 2);
  const top = 2 ** (width - 1) - 1;
  let frac = Math.floor(Math.log2(top / maxAbs));
  // Correct the logarithm's possible off-by-one with exact power-of-two products.
  while (maxAbs * 2 ** frac > top) frac--;
  while (maxAbs * 2 ** (frac + 1) <= top) frac++;
  if (frac < -MAX_FIXED_FRAC) {
    throw new QuantizationError('overflow', `${maxAbs} does not fit in ${width} bits`);
  }
  return fixedFormat(width, Math.min(frac, MAX_FIXED_FRAC));
}

/**
 * The number of bits of the non-negative integer `n` (0 for 0): the smallest `b` with `n < 2^b`.
 *
 * @throws {@link InvalidArgumentError} unless `n` is a non-negative safe integer.
 */
export function bitLength(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError('n', `must be a non-negative safe integer, got ${n}`);
  }
  let b = 0;
  while (2 ** b <= n) b++;
  return b;
}

/**
 * The smallest two's-complement width whose range contains `[−bound, bound]`:
 * `bitLength(bound) + 1`, because `bound < 2^bitLength` ⇒ `bound ≤ 2^(width−1) − 1`.
 *
 * @param bound - A non-negative safe integer (a magnitude in codes).
 * @throws {@link QuantizationError} (`overflow`) when the width would exceed 53 bits.
 */
export function signedWidthFor(bound: number): number {
  const w = Math.max(2, bitLength(bound) + 1);
  if (w > MAX_FIXED_WIDTH) {
    throw new QuantizationError(
      'overflow',
      `a magnitude of ${bound} needs ${w} bits, more than the ${MAX_FIXED_WIDTH} supported`,
    );
  }
  return w;
}
