import { requireKnownOptions } from '@latentkit/core';
import { permutation, type SeedLike, tf, toRng } from '@latentkit/tensor';

/** The EMA codebook state {@link restartDeadCodes} edits (shapes `[K, D]`, `[K]`, `[K, D]`). */
export interface EmaCodebookState {
  /** The codes, `[K, D]`. */
  codebook: tf.Variable;
  /** The EMA cluster sizes Nₖ, `[K]`. */
  clusterSize: tf.Variable;
  /** The EMA sums mₖ, `[K, D]`. */
  embedSum: tf.Variable;
}

/** Options of {@link restartDeadCodes}. */
export interface RestartDeadCodesOptions {
  /** Codes with Nₖ < threshold are dead. */
  threshold: number;
  /** The cluster size Nₖ given to a restarted code (mₖ becomes the vector times it). */
  resetSize: number;
  /** Seed or generator choosing the batch vectors (a generator advances). */
  seed: SeedLike;
}

/** Which codes a dead-code restart moves, and onto which batch rows (internal). */
export interface RestartPlan {
  /** The dead codes (cluster size below the threshold), ascending. */
  dead: number[];
  /** For each code, the batch row it restarts on (only the entries of `dead` are meaningful). */
  source: Int32Array;
}

/**
 * Chooses the restarts of {@link restartDeadCodes} (shared with the EMA quantizer's update, which
 * works on plain arrays): every code with size < threshold, each on a batch row (distinct rows
 * while the n rows allow, then independent draws). Draws from `seed` only when a code is dead.
 *
 * @internal
 */
export function planRestarts(
  sizes: ArrayLike<number>,
  threshold: number,
  n: number,
  seed: SeedLike,
): RestartPlan {
  const dead: number[] = [];
  for (let i = 0; i < sizes.length; i++) if (sizes[i]! < threshold) dead.push(i);
  const source = new Int32Array(sizes.length); // 0 for live codes (unused)
  if (dead.length === 0) return { dead, source };
  const rng = toRng(seed);
  const perm = permutation(n, rng);
  dead.forEach((code, j) => {
    source[code] = j < n ? perm[j]! : rng.int(n);
  });
  return { dead, source };
}

/**
 * Dead-code restart: every code whose EMA cluster size is below `threshold` is replaced by a
 * random vector of the batch `z` (distinct vectors while the batch has enough, chosen with the
 * seed), and its EMA state is reset to Nₖ = resetSize, mₖ = vector · resetSize. Reads the K
 * cluster sizes back from the device (one small sync).
 *
 * @param state - The codebook and its EMA state (changed in place).
 * @param z - float32 `[..., D]`, the batch's encoder outputs.
 * @returns The restarted code indices, ascending (empty if none).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { restartDeadCodes } from '@latentkit/models';
 *
 * // state: an EMA quantizer's { codebook, clusterSize, embedSum }; z: this batch's inputs [N, D]
 * const restarted = restartDeadCodes(state, z, { threshold: 1, resetSize: 1, seed: 1 });
 * // → the indices of the codes that were moved onto random rows of z
 * ```
 */
export function restartDeadCodes(
  state: EmaCodebookState,
  z: tf.Tensor,
  options: RestartDeadCodesOptions,
): number[] {
  requireKnownOptions(options, ['threshold', 'resetSize', 'seed'], 'restartDeadCodes options');
  const { threshold, resetSize } = options;
  const [k, d] = state.codebook.shape as [number, number];
  const { dead, source } = planRestarts(
    state.clusterSize.dataSync(),
    threshold,
    z.size / d,
    options.seed,
  );
  if (dead.length === 0) return dead;
  const deadMask = new Float32Array(k);
  for (const code of dead) deadMask[code] = 1;
  const [cb, cs, es] = tf.tidy(() => {
    const rows = tf.gather(tf.reshape(z, [-1, d]), tf.tensor1d(source, 'int32'));
    const mask1 = tf.tensor1d(deadMask);
    const mask2 = tf.tile(tf.reshape(tf.cast(mask1, 'bool'), [k, 1]), [1, d]);
    return [
      tf.where(mask2, rows, state.codebook),
      tf.where(tf.cast(mask1, 'bool'), tf.fill([k], resetSize), state.clusterSize),
      tf.where(mask2, tf.mul(rows, resetSize), state.embedSum),
    ];
  });
  state.codebook.assign(cb as tf.Tensor2D);
  state.clusterSize.assign(cs as tf.Tensor1D);
  state.embedSum.assign(es as tf.Tensor2D);
  tf.dispose([cb, cs, es]);
  return dead;
}
