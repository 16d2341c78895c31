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

/**
 * Dead-code restart: every code whose EMA cluster size is below `threshold` is replaced by a
 * random vector of the batch `z` (distinct vectors while the batch has enough, chosen with the
 * seed), and its EMA state is reset to Nₖ = resetSize, mₖ = vector · resetSize. Reads the K
 * cluster sizes back from the device (one small sync).
 *
 * @param state - The codebook and its EMA state (changed in place).
 * @param z - float32 `[..., D]`, the batch's encoder outputs.
 * @returns The restarted code indices, ascending (empty if none).
 */
export function restartDeadCodes(
  state: EmaCodebookState,
  z: tf.Tensor,
  options: RestartDeadCodesOptions,
): number[] {
  const { threshold, resetSize } = options;
  const sizes = state.clusterSize.dataSync();
  const dead: number[] = [];
  sizes.forEach((s, i) => {
    if (s < threshold) dead.push(i);
  });
  if (dead.length === 0) return dead;
  const rng = toRng(options.seed);
  const [k, d] = state.codebook.shape as [number, number];
  const n = z.size / d;
  // Distinct rows while n allows, then independent draws.
  const perm = permutation(n, rng);
  const source = new Int32Array(k); // row of z for each code (0 for live codes, masked out)
  dead.forEach((code, j) => {
    source[code] = j < n ? perm[j]! : rng.int(n);
  });
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
