import { UnknownOptionError } from '@latentkit/core';
import { type FixedFormat, maxCode, minCode } from './fixed-format.js';

/**
 * How a value between two codes becomes a code (the value is first scaled so that one code is 1):
 *
 * - `'truncate'`: floor, toward −∞ — what dropping low bits of a two's-complement number does
 *   (an arithmetic right shift). Not toward zero.
 * - `'half-up'`: nearest, ties toward +∞: `floor(t + 1/2)` — "add half an LSB, then shift".
 * - `'half-even'`: nearest, ties to the even code (convergent / banker's rounding; unbiased).
 */
export type RoundingMode = 'truncate' | 'half-up' | 'half-even';

/** Every {@link RoundingMode}. */
export const ROUNDING_MODES: readonly RoundingMode[] = ['truncate', 'half-up', 'half-even'];

/**
 * What happens to a rounded value outside the target format's code range:
 *
 * - `'saturate'`: clamp to the smallest / largest code;
 * - `'wrap'`: keep the low `width` bits (two's-complement wrap-around, i.e. the unique code
 *   congruent to the value modulo `2^width`) — what plain hardware adders do.
 */
export type OverflowMode = 'saturate' | 'wrap';

/** Every {@link OverflowMode}. */
export const OVERFLOW_MODES: readonly OverflowMode[] = ['saturate', 'wrap'];

/**
 * Throws unless `mode` is a {@link RoundingMode}.
 *
 * @throws {@link UnknownOptionError}
 */
export function checkRoundingMode(mode: unknown): asserts mode is RoundingMode {
  if (!ROUNDING_MODES.includes(mode as RoundingMode)) {
    throw new UnknownOptionError('rounding', mode, ROUNDING_MODES);
  }
}

/**
 * Throws unless `mode` is an {@link OverflowMode}.
 *
 * @throws {@link UnknownOptionError}
 */
export function checkOverflowMode(mode: unknown): asserts mode is OverflowMode {
  if (!OVERFLOW_MODES.includes(mode as OverflowMode)) {
    throw new UnknownOptionError('overflow', mode, OVERFLOW_MODES);
  }
}

/**
 * Rounds a double `t` (already scaled so that one code is 1) to an integer with `mode`.
 *
 * Exact for every double: `q = floor(t)` and the fraction `t − q` are exact in IEEE arithmetic,
 * and the decision compares the fraction with 1/2 exactly. The result may exceed 2^53 in
 * magnitude (it is then `t` itself, already an integer) and is never `−0`. Infinite `t` is
 * returned unchanged.
 */
export function roundScaled(t: number, mode: RoundingMode): number {
  if (!Number.isFinite(t)) return t;
  const q = Math.floor(t);
  const f = t - q;
  let r = q;
  if (mode === 'half-up') {
    if (f >= 0.5) r = q + 1;
  } else if (mode === 'half-even') {
    if (f > 0.5 || (f === 0.5 && q % 2 !== 0)) r = q + 1;
  }
  return r + 0; // normalizes −0 to 0
}

/**
 * Divides the integer `v` by `2^shift` (shift ≥ 0) and rounds with `mode`: the exact rounding
 * of the rational `v / 2^shift`. For `'truncate'` this is an arithmetic right shift `v >>> shift`
 * in two's complement. Exact for every integer double `v` (division by a power of two only
 * changes the exponent, so `v · 2^−shift` is exact before rounding).
 *
 * @param v - An integer (an exact integer double).
 * @param shift - A non-negative integer.
 */
export function shiftRightRound(v: number, shift: number, mode: RoundingMode): number {
  return roundScaled(v * 2 ** -shift, mode);
}

/**
 * Maps an integer value onto `format`'s code range with `mode` (see {@link OverflowMode}).
 *
 * Exact for every integer double `v`, including ±Infinity standing for a value too large for a
 * double (saturates; wraps to 0, because such a value is a multiple of 2^width — see
 * `quantize`): `%` on doubles is exact, and every intermediate stays below 2^53.
 *
 * @param v - An integer (exact integer double, any magnitude).
 * @param format - The target format.
 * @param mode - Saturate or wrap.
 */
export function applyOverflow(v: number, format: FixedFormat, mode: OverflowMode): number {
  const lo = minCode(format);
  const hi = maxCode(format);
  if (v >= lo && v <= hi) return v + 0;
  if (mode === 'saturate') return v < lo ? lo : hi;
  if (!Number.isFinite(v)) return 0;
  const m = 2 ** format.width;
  let r = v % m; // exact, |r| < m ≤ 2^53, sign of v
  if (r < 0) r += m; // now in [0, m)
  if (r > hi) r -= m; // now in [lo, hi]
  return r + 0;
}
