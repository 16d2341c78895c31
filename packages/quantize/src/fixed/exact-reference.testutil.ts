/**
 * Independent BigInt references for the fixed-point tests: exact rational rounding and
 * two's-complement overflow, written from the definitions without sharing code with src/.
 */
import type { OverflowMode, RoundingMode } from './rounding.js';

/** floor(n / 2^k) for BigInt n, k ≥ 0 (BigInt division truncates toward zero, so fix negatives). */
export function floorDivPow2(n: bigint, k: number): bigint {
  const d = 1n << BigInt(k);
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

/** The exact rounding of the rational n / 2^k with a mode, by its definition. */
export function roundRational(n: bigint, k: number, mode: RoundingMode): bigint {
  if (k <= 0) return n << BigInt(-k);
  const d = 1n << BigInt(k);
  const q = floorDivPow2(n, k);
  const rem = n - q * d; // in [0, d)
  const twice = 2n * rem;
  if (mode === 'truncate') return q;
  if (mode === 'half-up') return twice >= d ? q + 1n : q;
  if (twice > d) return q + 1n;
  if (twice === d) return q % 2n === 0n ? q : q + 1n;
  return q;
}

/** Two's-complement overflow handling of a BigInt value into `width` bits. */
export function overflowBig(v: bigint, width: number, mode: OverflowMode): bigint {
  const half = 1n << BigInt(width - 1);
  const lo = -half;
  const hi = half - 1n;
  if (v >= lo && v <= hi) return v;
  if (mode === 'saturate') return v < lo ? lo : hi;
  const m = 1n << BigInt(width);
  let r = v % m;
  if (r < 0n) r += m;
  return r > hi ? r - m : r;
}
