import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { floorShift, toFormat } from './big-fixed.js';

/**
 * The 5th-order Taylor (Maclaurin) series of the logistic sigmoid around 0, as in the student
 * FPGA VAE this project started from: `σ(x) ≈ 1/2 + x/4 − x³/48 + x⁵/480`, float64.
 *
 * It is accurate near 0 and diverges fast: |error| exceeds 0.001 at |x| ≈ 1.28, 0.01 at
 * |x| ≈ 1.81 and 0.1 at |x| ≈ 2.60 (measured in `sigmoid-taylor.test.ts`); the x⁵ term makes it
 * grow without bound (≈ 55 at x = 8 instead of 1).
 *
 * @example
 * ```ts
 * import { sigmoidTaylorFloat } from '@latentkit/quantize';
 *
 * sigmoidTaylorFloat(0); // → 0.5
 * sigmoidTaylorFloat(1); // → 0.5 + 1/4 − 1/48 + 1/480 ≈ 0.7313 (σ(1) = 0.7311)
 * ```
 */
export function sigmoidTaylorFloat(x: number): number {
  const x2 = x * x;
  return 0.5 + x / 4 - (x * x2) / 48 + (x * x2 * x2) / 480;
}

/** Default guard bits of the Taylor unit's internal arithmetic. */
export const DEFAULT_TAYLOR_GUARD_BITS = 6;

/**
 * The Taylor sigmoid on integer codes, as a multiplier pipeline with internal fraction
 * `G = outFormat.frac + guardBits` (all `⌊·⌋` are arithmetic right shifts):
 *
 * 1. `xg = ⌊code · 2^(G − F)⌋` (F = inFormat.frac; a left shift when G ≥ F)
 * 2. `x2 = ⌊xg·xg / 2^G⌋`, `x3 = ⌊x2·xg / 2^G⌋`, `x5 = ⌊x3·x2 / 2^G⌋`
 * 3. constants `k3 = round(2^G / 48)`, `k5 = round(2^G / 480)` (nearest, ties up)
 * 4. `y = 2^(G−1) + ⌊xg / 4⌋ − ⌊k3·x3 / 2^G⌋ + ⌊k5·x5 / 2^G⌋`
 * 5. round `y` from fraction G into `outFormat` with `rounding`, saturating.
 *
 * Five multipliers; products can exceed 2^53, so this uses BigInt.
 *
 * @param guardBits - Extra internal fraction bits (default {@link DEFAULT_TAYLOR_GUARD_BITS}).
 */
export function sigmoidTaylorCode(
  code: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
  guardBits = DEFAULT_TAYLOR_GUARD_BITS,
): number {
  const G = Math.max(2, outFormat.frac + guardBits);
  const xg = floorShift(BigInt(code), inFormat.frac - G);
  const x2 = floorShift(xg * xg, G);
  const x3 = floorShift(x2 * xg, G);
  const x5 = floorShift(x3 * x2, G);
  const one = 1n << BigInt(G);
  const k3 = (2n * one + 48n) / 96n; // round(2^G / 48), ties up
  const k5 = (2n * one + 480n) / 960n; // round(2^G / 480), ties up
  const y = (one >> 1n) + floorShift(xg, 2) - floorShift(k3 * x3, G) + floorShift(k5 * x5, G);
  return toFormat(y, G, outFormat, rounding);
}
