import { describe, expect, it } from 'vitest';
import { float32ToHalfBits, halfBitsToFloat32 } from './half-precision.js';

const ALL_BITS = Uint16Array.from({ length: 65536 }, (_, i) => i);

/**
 * Value of the 16-bit float with bits `h`, from the format's definition (an independent
 * reference: arithmetic on numbers, no bit tricks). `expBits`/`mantBits`: 5/10 for IEEE half,
 * 8/7 for bfloat16.
 */
function definitionValue(h: number, expBits: number, mantBits: number): number {
  const sign = h >> (expBits + mantBits) ? -1 : 1;
  const e = (h >> mantBits) & ((1 << expBits) - 1);
  const m = h & ((1 << mantBits) - 1);
  const bias = (1 << (expBits - 1)) - 1;
  if (e === (1 << expBits) - 1) return m === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (e === 0) return sign * m * 2 ** (1 - bias - mantBits);
  return sign * (1 + m / 2 ** mantBits) * 2 ** (e - bias);
}

/**
 * Nearest 16-bit float bits to a non-negative value by search over the format's values (ties to
 * the even bit pattern; the value one ulp past the largest finite one stands for +Inf, as IEEE
 * rounding prescribes).
 */
function nearestBits(x: number, expBits: number, mantBits: number): number {
  const inf = ((1 << expBits) - 1) << mantBits;
  const value = (h: number): number =>
    h === inf ? 2 ** (2 ** (expBits - 1)) : definitionValue(h, expBits, mantBits);
  let lo = 0;
  let hi = inf;
  if (x >= value(inf)) return inf;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (value(mid) <= x) lo = mid;
    else hi = mid;
  }
  const dLo = x - value(lo);
  const dHi = value(hi) - x;
  if (dLo < dHi) return lo;
  if (dHi < dLo) return hi;
  return lo % 2 === 0 ? lo : hi;
}

function bitsOf(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

describe.each([
  ['F16', 5, 10],
  ['BF16', 8, 7],
] as const)('%s', (format, expBits, mantBits) => {
  it('decodes every bit pattern to its defined value', () => {
    const values = Array.from(halfBitsToFloat32(ALL_BITS, format));
    const want = Array.from(ALL_BITS, (h) => definitionValue(h, expBits, mantBits));
    expect(values).toEqual(want); // toEqual: NaN equals NaN, +0 differs from −0
  });

  it('half → float32 → half is bit-exact for all 65536 patterns (NaN payloads too)', () => {
    const back = float32ToHalfBits(halfBitsToFloat32(ALL_BITS, format), format);
    expect(back).toEqual(ALL_BITS);
  });

  it('rounds float32 values to nearest, ties to even, overflow to Inf', () => {
    // Random float32 bit patterns spread over the whole range plus every midpoint between two
    // neighbouring halves (the tie cases) and points just beside them.
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state;
    };
    const inputs: number[] = [];
    for (let i = 0; i < 20000; i++) inputs.push(next() & 0x7fffffff);
    const f32 = new Float32Array(1);
    const u32 = bitsOf(f32);
    const inf = ((1 << expBits) - 1) << mantBits;
    for (let h = 0; h < inf; h += 7) {
      const mid =
        (definitionValue(h, expBits, mantBits) + definitionValue(h + 1, expBits, mantBits)) / 2;
      f32[0] = mid;
      if (f32[0] !== mid) continue; // not a float32 (never for these formats, but be safe)
      inputs.push(u32[0]!, u32[0]! - 1, u32[0]! + 1);
    }
    const words = Uint32Array.from(inputs.filter((w) => w <= 0x7f800000)); // no NaN here
    const values = new Float32Array(words.buffer);
    const got = float32ToHalfBits(values, format);
    for (let i = 0; i < values.length; i++) {
      const want = nearestBits(values[i]!, expBits, mantBits);
      if (got[i] !== want) {
        expect(got[i], `${values[i]} (bits ${words[i]!.toString(16)})`).toBe(want);
      }
    }
    // The sign is carried over: −x rounds to −(round x).
    const negated = float32ToHalfBits(
      Float32Array.from(values, (v) => -v),
      format,
    );
    for (let i = 0; i < values.length; i++) expect(negated[i]).toBe(got[i]! | 0x8000);
  });

  it('keeps NaN a NaN (also when the payload is in the low bits only)', () => {
    const words = Uint32Array.from([0x7fc00000, 0x7f800001, 0xff800010, 0x7fffffff]);
    const bits = float32ToHalfBits(new Float32Array(words.buffer), format);
    expect(Array.from(halfBitsToFloat32(bits, format)).every(Number.isNaN)).toBe(true);
  });
});

describe('known F16 values', () => {
  it('matches the IEEE 754 binary16 table', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [1 / 3, 0x3555],
      [65504, 0x7bff],
      [65519.99, 0x7bff],
      [65520, 0x7c00], // ties to even → Inf
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // ties to even → 0
      [1.5 * 2 ** -25, 0x0001],
      [2 ** -14, 0x0400],
      [-0, 0x8000],
    ];
    const got = float32ToHalfBits(Float32Array.from(cases.map(([v]) => v)), 'F16');
    expect(Array.from(got)).toEqual(cases.map(([, b]) => b));
  });
});
