import * as tf from '@tensorflow/tfjs-core';
import {
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from '../validation/validate-inputs.js';
import { logMeanExp } from './log-mean-exp.js';

/**
 * The importance-weighted bound (IWAE, Burda et al. 2016) on `log p(x)`, per example, in nats:
 * `L_k = log (1/k) Σ_i p(x, z_i)/q(z_i|x) = logMeanExp_i(log p(x|z_i) + log p(z_i) − log q(z_i|x))`
 * with `z_1..z_k ~ q(z|x)`. `E[L_1] = ELBO ≤ E[L_k] ≤ E[L_{k+1}] ≤ log p(x)`, and `L_k → log p(x)`
 * as `k → ∞`; with k = 1 it *is* the single-sample ELBO estimate. Its negation `−L_k` is the usual
 * importance-sampled NLL estimate (IWAE papers report it with k = 5000) and, averaged, the IWAE
 * training loss. Stable for log-weights of any magnitude (see {@link logMeanExp}).
 *
 * A bound, not a loss, so there is no reduction option: take `tf.mean` of the result for the
 * batch average.
 *
 * @param logPxz - log p(x|z_i), float32, shape `[k, batch]` (sample axis first; more trailing
 *   axes are allowed and kept).
 * @param logPz - log p(z_i), same shape.
 * @param logQzx - log q(z_i|x), same shape.
 * @returns `L_k` per example, shape `[batch]`, in nats.
 * @throws {@link ShapeError} if the shapes differ or have rank 0.
 * @throws {@link InvalidArgumentError} if an input is not a float32 tensor.
 *
 * @example
 * ```ts
 * import { iwaeBound, tf } from '@latentkit/tensor';
 *
 * // log p(x|zᵢ), log p(zᵢ), log q(zᵢ|x) for k = 50 samples of a batch of 32: each [50, 32]
 * const bound = iwaeBound(logPxz, logPz, logQzx); // [32], nats (≤ log p(x))
 * const nll = tf.neg(tf.mean(bound)); // the IWAE NLL estimate
 * ```
 */
export function iwaeBound(logPxz: tf.Tensor, logPz: tf.Tensor, logQzx: tf.Tensor): tf.Tensor {
  requireFloatTensor(logPxz, 'logPxz');
  requireFloatTensor(logPz, 'logPz');
  requireFloatTensor(logQzx, 'logQzx');
  requireRank(logPxz, 'logPxz');
  requireSameShape(logPz, 'logPz', logPxz, 'logPxz');
  requireSameShape(logQzx, 'logQzx', logPxz, 'logPxz');
  return tf.tidy(() => logMeanExp(tf.sub(tf.add(logPxz, logPz), logQzx), 0));
}
