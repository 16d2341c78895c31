import { describe, expect, it } from 'vitest';
import { permutation } from './permutation.js';
import { createRng } from './rng.js';

describe('permutation', () => {
  it('is a permutation of 0..n-1, the same for the same seed', () => {
    const p = permutation(1000, 5);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(1000, 5)).toEqual(p);
    expect(permutation(1000, 6)).not.toEqual(p);
    expect(permutation(0, 1)).toEqual(new Int32Array(0));
  });

  it('puts each index first equally often (chi-square over 40k shuffles of 4)', () => {
    const rng = createRng(11);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const first = permutation(4, rng)[0] as number;
      counts[first] = (counts[first] ?? 0) + 1;
    }
    const chi2 = counts.reduce((a, c) => a + (c - 10_000) ** 2 / 10_000, 0);
    // 3 degrees of freedom: P(chi2 > 16.3) ≈ 0.001
    expect(chi2).toBeLessThan(16.3);
  });
});
