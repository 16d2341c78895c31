import { describe, expect, it } from 'vitest';
import { laneSeeds, xorshift32 } from './xorshift32.js';

/** 32×32 matrices over GF(2) as 32 column words: column k = image of bit k. */
type Mat = Uint32Array;
const apply = (m: Mat, v: number): number => {
  let r = 0;
  for (let k = 0; k < 32; k++) if ((v >>> k) & 1) r ^= m[k]!;
  return r >>> 0;
};
const mul = (a: Mat, b: Mat): Mat => b.map((col) => apply(a, col)) as Mat;
const identity = (): Mat => Uint32Array.from({ length: 32 }, (_, k) => (1 << k) >>> 0);
function power(m: Mat, e: number): Mat {
  let r = identity();
  let base = m;
  while (e > 0) {
    if (e % 2 === 1) r = mul(r, base);
    base = mul(base, base);
    e = Math.floor(e / 2);
  }
  return r;
}
const isIdentity = (m: Mat) => m.every((c, k) => c === (1 << k) >>> 0);

describe('xorshift32', () => {
  it('matches Marsaglia’s published first output and a BigInt re-implementation', () => {
    // Marsaglia (2003): with y = 2463534242, the first xor32() output is 723471715.
    expect(xorshift32(2463534242)).toBe(723471715);
    let s = 2463534242n;
    let t = 2463534242;
    const mask = 0xffffffffn;
    for (let i = 0; i < 1000; i++) {
      s ^= (s << 13n) & mask;
      s ^= s >> 17n;
      s ^= (s << 5n) & mask;
      t = xorshift32(t);
      expect(t).toBe(Number(s));
    }
  });

  it('has the full period 2^32 − 1 (proved by matrix order over GF(2))', () => {
    // The step is linear: its matrix T has order exactly 2^32 − 1 iff T^(2^32−1) = I and
    // T^((2^32−1)/p) ≠ I for each prime p | 2^32 − 1 = 3·5·17·257·65537.
    const t = Uint32Array.from({ length: 32 }, (_, k) => xorshift32((1 << k) >>> 0));
    expect(apply(t, 0xdeadbeef)).toBe(xorshift32(0xdeadbeef)); // linearity check
    const n = 2 ** 32 - 1;
    expect(isIdentity(power(t, n))).toBe(true);
    for (const p of [3, 5, 17, 257, 65537]) expect(isIdentity(power(t, n / p))).toBe(false);
  });

  it('derives distinct non-zero lane seeds deterministically', () => {
    const a = laneSeeds(42, 8);
    expect(new Set(a).size).toBe(8);
    expect(a.every((s) => s > 0 && s <= 0xffffffff)).toBe(true);
    expect(laneSeeds(42, 8)).toEqual(a);
    expect(laneSeeds(43, 8)).not.toEqual(a);
  });
});
