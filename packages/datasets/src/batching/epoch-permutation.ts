import { permutation, type SeedLike, toRng } from '@latentkit/core';
import { checkInteger, checkSeedPresent } from '../internal/check-options.js';

/**
 * The shuffled order of `0..n-1` for one epoch, seeded by `(seed, epoch)`: the same pair always
 * gives the same order, different epochs give independent orders, and asking for epoch 7 does not
 * require generating epochs 0–6. Uses `permutation` (Fisher–Yates) from `@latentkit/tensor` on a
 * generator forked from `seed` with the epoch as label; a generator passed as `seed` is not
 * advanced.
 *
 * @param n - Number of items (integer ≥ 0).
 * @param seed - Seed or generator.
 * @param epoch - Epoch number (integer ≥ 0). Default 0.
 * @returns A new `Int32Array` permutation of `0..n-1`.
 * @throws {@link InvalidArgumentError} for a bad `n`, `epoch` or missing seed.
 *
 * @example
 * ```ts
 * import { epochPermutation } from '@latentkit/datasets';
 *
 * const order = epochPermutation(60000, 1, 3); // Int32Array(60000): epoch 3's order for seed 1
 * epochPermutation(5, 1, 3); // a permutation of 0..4, the same on every call
 * ```
 */
export function epochPermutation(n: number, seed: SeedLike, epoch = 0): Int32Array {
  checkInteger(n, 'n', 0, 2 ** 31 - 1);
  checkInteger(epoch, 'epoch', 0, Number.MAX_SAFE_INTEGER);
  checkSeedPresent(seed, 'seed');
  return permutation(n, toRng(seed).fork('shuffle').fork(epoch));
}
