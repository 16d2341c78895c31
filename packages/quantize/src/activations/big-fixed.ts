import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';

/**
 * BigInt helpers for activation units, whose internal products (x⁵ of a 16-bit x, table value ×
 * interpolation fraction) can exceed 2^53. Internal to the package.
 */

/** floor(v / 2^s) for s ≥ 0 (an arithmetic right shift; BigInt's `>>` floors). */
export function floorShift(v: bigint, s: number): bigint {
  return s <= 0 ? v << BigInt(-s) : v >> BigInt(s);
}

/** The rational v / 2^s rounded with `mode` (s may be ≤ 0: then an exact left shift). */
export function roundShift(v: bigint, s: number, mode: RoundingMode): bigint {
  if (s <= 0) return v << BigInt(-s);
  const q = v >> BigInt(s);
  if (mode === 'truncate') return q;
  const rem = v - (q << BigInt(s)); // in [0, 2^s)
  const half = 1n << BigInt(s - 1);
  if (rem > half) return q + 1n;
  if (rem < half) return q;
  return mode === 'half-up' || (q & 1n) === 1n ? q + 1n : q;
}

/** Clamps a BigInt to `format`'s code range and returns it as a number (saturation). */
export function saturateBig(v: bigint, format: FixedFormat): number {
  const half = 1n << BigInt(format.width - 1);
  if (v < -half) return Number(-half);
  if (v > half - 1n) return Number(half - 1n);
  return Number(v);
}

/**
 * An exact value `v · 2^−frac` rounded into `format` with saturation: the single final rounding
 * step of every activation unit.
 */
export function toFormat(v: bigint, frac: number, format: FixedFormat, mode: RoundingMode): number {
  return saturateBig(roundShift(v, frac - format.frac, mode), format);
}

/**
 * An exact value `v · 2^−frac` rounded into `format` with `rounding`, then saturated or wrapped
 * (two's complement, modulo 2^width).
 */
export function toFormatWith(
  v: bigint,
  frac: number,
  format: FixedFormat,
  rounding: RoundingMode,
  overflow: 'saturate' | 'wrap',
): number {
  const r = roundShift(v, frac - format.frac, rounding);
  if (overflow === 'saturate') return saturateBig(r, format);
  const m = 1n << BigInt(format.width);
  let w = r % m;
  if (w < 0n) w += m;
  if (w >= m >> 1n) w -= m;
  return Number(w);
}
