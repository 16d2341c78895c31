import { requireKnownOptions } from '@latentkit/core';
import {
  InvalidArgumentError,
  type Rng,
  type SeedLike,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { nearestCode } from './nearest-code.js';

/** Options of {@link kmeans}. */
export interface KmeansOptions {
  /** Lloyd iterations. Default 10. */
  iterations?: number;
  /** Seed or generator choosing the k initial centres (k-means++ seeding). Default 0. */
  seed?: SeedLike;
}

/**
 * k-means (Lloyd's algorithm) on the rows of `data`, for codebook initialization. The initial
 * centres are k rows chosen by k-means++ seeding (each next centre drawn with probability
 * proportional to the squared distance to the nearest chosen one; computed in JavaScript after one
 * read-back of `data`); each iteration then assigns rows to their nearest centre (one matrix
 * product) and moves each centre to the mean of its rows; a centre with no rows stays put.
 *
 * Written here (a few lines on top of {@link nearestCode}) because no tfjs package offers k-means.
 *
 * @param data - float32 `[N, D]` with N ≥ k.
 * @param k - Number of centres.
 * @returns float32 `[k, D]` centres (the caller owns them).
 * @throws {@link ShapeError} unless `data` is rank 2.
 * @throws {@link InvalidArgumentError} for k < 1, N < k, or a bad iteration count.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { kmeans } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const data = tf.tensor2d([[0, 0], [0, 1], [10, 10], [10, 11]]);
 * kmeans(data, 2, { iterations: 10, seed: 1 }); // Tensor2D [2, 2]: ≈ [[0, 0.5], [10, 10.5]] (in some order)
 * ```
 */
export function kmeans(data: tf.Tensor, k: number, options: KmeansOptions = {}): tf.Tensor2D {
  requireKnownOptions(options, ['iterations', 'seed'], 'kmeans options');
  if (!(data instanceof tf.Tensor) || data.dtype !== 'float32') {
    throw new InvalidArgumentError('data', 'must be a float32 tf.Tensor');
  }
  if (data.rank !== 2) {
    throw new ShapeError(`data must be [N, D], got [${data.shape.join(', ')}]`, [null, null]);
  }
  const n = data.shape[0]!;
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidArgumentError('k', `must be a positive integer, got ${k}`);
  }
  if (n < k) throw new InvalidArgumentError('data', `has ${n} rows, fewer than k = ${k}`);
  const iterations = options.iterations ?? 10;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new InvalidArgumentError('iterations', `must be an integer ≥ 0, got ${iterations}`);
  }
  const rows = seedCentres(data.dataSync(), n, data.shape[1]!, k, toRng(options.seed ?? 0));
  let centres = tf.tidy(() => tf.gather(data, tf.tensor1d(rows, 'int32')) as tf.Tensor2D);
  for (let it = 0; it < iterations; it++) {
    const next = tf.tidy(() => {
      const { oneHot } = nearestCode(data, centres);
      const sums = tf.matMul(tf.transpose(oneHot), data);
      const counts = tf.reshape(tf.sum(oneHot, 0), [k, 1]);
      const means = tf.div(sums, tf.maximum(counts, 1));
      return tf.where(tf.greater(tf.tile(counts, [1, means.shape[1]!]), 0), means, centres);
    }) as tf.Tensor2D;
    centres.dispose();
    centres = next;
  }
  return centres;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007) on row-major `x` `[n, d]`: k row indices. */
function seedCentres(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng): Int32Array {
  const chosen = new Int32Array(k);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  chosen[0] = rng.int(n);
  for (let c = 1; c <= k; c++) {
    const last = chosen[c - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = x[i * d + t]! - x[last * d + t]!;
        s += diff * diff;
      }
      if (s < best[i]!) best[i] = s;
      total += best[i]!;
    }
    if (c === k) break;
    // All remaining rows coincide with chosen centres: fall back to a uniform draw.
    let pick = rng.int(n);
    if (total > 0) {
      let u = rng.next() * total;
      for (let i = 0; i < n; i++) {
        u -= best[i]!;
        if (u < 0 || i === n - 1) {
          pick = i;
          break;
        }
      }
    }
    chosen[c] = pick;
  }
  return chosen;
}
