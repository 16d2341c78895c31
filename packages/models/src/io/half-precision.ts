// IEEE half (F16) and bfloat16 (BF16) ⇄ float32 conversions on raw bit patterns. Written here
// because Node 20 has no Math.f16round / Float16Array, and the tiny amount of code does not
// justify a dependency. All conversions work on the bits (Uint16Array / Uint32Array views), never
// through JavaScript numbers, so NaN payloads survive and a half → float32 → half round trip is
// bit-exact for all 65536 patterns.

/** The two 16-bit float formats safetensors stores. */
export type HalfFormat = 'F16' | 'BF16';

/** @internal float32 bit pattern of the IEEE half with bits `h` (exact: every half is a float32). */
export function f16BitsToF32Bits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13)) >>> 0; // Inf / NaN, payload kept
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0;
  if (mant === 0) return sign >>> 0; // ±0
  // Subnormal half: normalize (value = mant · 2⁻²⁴).
  let e32 = 113;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e32--;
  }
  return (sign | (e32 << 23) | ((mant & 0x3ff) << 13)) >>> 0;
}

/**
 * @internal IEEE half bits nearest to the float32 with bits `x` (round to nearest, ties to even;
 * overflow → ±Inf; NaN stays NaN with the top payload bits, forced non-zero).
 */
export function f32BitsToF16Bits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) {
    if (mant === 0) return sign | 0x7c00;
    return sign | 0x7c00 | (mant >>> 13 || 0x200);
  }
  const e = exp - 127;
  if (e > 15) return sign | 0x7c00;
  if (e >= -14) {
    let h = sign | ((e + 15) << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++; // carry may reach Inf: correct
    return h;
  }
  if (e < -25) return sign; // below half the smallest subnormal (also float32 zeros/subnormals)
  // Result is a half subnormal (or rounds up to the smallest normal): count of 2⁻²⁴ units.
  const full = mant | 0x800000;
  const shift = -e - 1; // 14 … 24
  let h = full >>> shift;
  const rest = full & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  if (rest > half || (rest === half && (h & 1) === 1)) h++;
  return sign | h;
}

/** @internal float32 bits of the bfloat16 with bits `b` (exact). */
export function bf16BitsToF32Bits(b: number): number {
  return (b << 16) >>> 0;
}

/** @internal bfloat16 bits nearest to the float32 with bits `x` (ties to even; NaN stays NaN). */
export function f32BitsToBf16Bits(x: number): number {
  if ((x & 0x7fffffff) >>> 0 > 0x7f800000) {
    const b = x >>> 16;
    return (b & 0x7f) === 0 ? b | 0x40 : b;
  }
  // Largest non-NaN input is 0xff800000 (−Inf), so the sum stays below 2³².
  return Math.floor((x + 0x7fff + ((x >>> 16) & 1)) / 0x10000);
}

/**
 * Converts 16-bit float bit patterns to float32 values (exact).
 *
 * @param bits - Raw `F16` or `BF16` bit patterns.
 * @param format - Which 16-bit format `bits` holds.
 * @returns A new Float32Array of the same length.
 *
 * @example
 * ```ts
 * import { halfBitsToFloat32 } from '@latentkit/models';
 *
 * halfBitsToFloat32(new Uint16Array([0x3c00, 0xc000]), 'F16'); // → Float32Array [1, −2]
 * halfBitsToFloat32(new Uint16Array([0x3f80]), 'BF16'); // → Float32Array [1]
 * ```
 */
export function halfBitsToFloat32(bits: Uint16Array, format: HalfFormat): Float32Array {
  const out = new Float32Array(bits.length);
  const words = new Uint32Array(out.buffer);
  const convert = format === 'F16' ? f16BitsToF32Bits : bf16BitsToF32Bits;
  for (let i = 0; i < bits.length; i++) words[i] = convert(bits[i]!);
  return out;
}

/**
 * Rounds float32 values to 16-bit float bit patterns (round to nearest, ties to even; values too
 * large for the format become ±Inf; NaN stays NaN). Exact for values that are representable, so
 * `floatToHalfBits(halfBitsToFloat32(b)) ≡ b` bit for bit.
 *
 * @param values - float32 values.
 * @param format - Target format.
 * @returns A new Uint16Array of the same length.
 *
 * @example
 * ```ts
 * import { float32ToHalfBits } from '@latentkit/models';
 *
 * float32ToHalfBits(new Float32Array([1, -2, 65536]), 'F16'); // → Uint16Array [0x3c00, 0xc000, 0x7c00 (+Inf)]
 * float32ToHalfBits(new Float32Array([1]), 'BF16'); // → Uint16Array [0x3f80]
 * ```
 */
export function float32ToHalfBits(values: Float32Array, format: HalfFormat): Uint16Array {
  const out = new Uint16Array(values.length);
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const convert = format === 'F16' ? f32BitsToF16Bits : f32BitsToBf16Bits;
  for (let i = 0; i < values.length; i++) out[i] = convert(words[i]!);
  return out;
}
