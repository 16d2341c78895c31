import { type SeedLike, toRng } from './rng.js';

/**
 * A seeded random permutation of `0..n-1` (Fisher–Yates).
 *
 * @param n - Number of indices.
 * @param seed - Seed or generator.
 * @returns A new `Int32Array` holding a permutation of `0..n-1`.
 */
export function permutation(n: number, seed: SeedLike): Int32Array {
  const rng = toRng(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
