import { ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { broadcastShapes, requireFloatTensor, requireRank } from '../validation/validate-inputs.js';
import { HALF_LOG_2PI } from './gaussian-nll.js';

function broadcastOrThrow(a: tf.Tensor, aName: string, b: tf.Tensor, bName: string): void {
  if (broadcastShapes(a.shape, b.shape) === undefined) {
    throw new ShapeError(
      `${bName} shape [${b.shape.join(', ')}] does not broadcast with ${aName} shape ` +
        `[${a.shape.join(', ')}]`,
      a.shape,
      b.shape,
    );
  }
}

/**
 * Log density of a diagonal Gaussian, `log N(z; μ, diag σ²) = −½ Σ_d (log 2π + log σ²_d +
 * (z_d − μ_d)²/σ²_d)`, summed over the **last** axis only, in nats. Used for `log q(z|x)` in
 * importance weights (IWAE) — not a loss: no reduction, larger is more likely.
 *
 * @param z - Points, float32, shape `[..., D]` (e.g. `[k, batch, D]`).
 * @param mu - μ, float32, broadcastable with `z` (e.g. `[batch, D]` against `[k, batch, D]`).
 * @param logVar - log σ², float32, broadcastable with `z` and `mu`.
 * @returns Log density, the broadcast shape of the inputs without its last axis (e.g. `[k, batch]`).
 * @throws {@link ShapeError} if the shapes do not broadcast or `z` has rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 *
 * @example
 * ```ts
 * import { gaussianLogProb, tf } from '@latentkit/tensor';
 *
 * const z = tf.zeros([4, 20]); // [batch, latentDim]
 * const mu = tf.zeros([4, 20]);
 * const logVar = tf.zeros([4, 20]); // σ² = 1
 * gaussianLogProb(z, mu, logVar); // [4]: −½ · 20 · ln 2π ≈ −18.38 nats each
 * ```
 */
export function gaussianLogProb(z: tf.Tensor, mu: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  requireFloatTensor(z, 'z');
  requireFloatTensor(mu, 'mu');
  requireFloatTensor(logVar, 'logVar');
  requireRank(z, 'z');
  broadcastOrThrow(z, 'z', mu, 'mu');
  broadcastOrThrow(z, 'z', logVar, 'logVar');
  broadcastOrThrow(mu, 'mu', logVar, 'logVar');
  return tf.tidy(() => {
    const quad = tf.mul(tf.squaredDifference(z, mu), tf.exp(tf.neg(logVar)));
    const perElement = tf.add(tf.mul(tf.add(quad, logVar), -0.5), -HALF_LOG_2PI);
    return tf.sum(perElement, -1);
  });
}

/**
 * Log density of the standard normal, `log N(z; 0, I) = −½ Σ_d (log 2π + z_d²)`, summed over the
 * last axis, in nats (the prior term `log p(z)` of a VAE).
 *
 * @param z - Points, float32, shape `[..., D]`.
 * @returns Log density, shape `z.shape` without its last axis.
 * @throws {@link ShapeError} if `z` has rank 0.
 * @throws {@link InvalidArgumentError} if `z` is not a float32 tensor.
 *
 * @example
 * ```ts
 * import { standardNormalLogProb, tf } from '@latentkit/tensor';
 *
 * standardNormalLogProb(tf.zeros([4, 20])); // [4]: −10 · ln 2π ≈ −18.38 nats each
 * ```
 */
export function standardNormalLogProb(z: tf.Tensor): tf.Tensor {
  requireFloatTensor(z, 'z');
  requireRank(z, 'z');
  return tf.tidy(() => tf.sum(tf.add(tf.mul(tf.square(z), -0.5), -HALF_LOG_2PI), -1));
}
