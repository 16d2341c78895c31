import { requireFiniteNumber, requireKnownOptions, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { requireFloatTensor, requireRank } from '../validation/validate-inputs.js';
import { applyReduction, type ReductionOptions, resolveReduction } from './reduction.js';

/** Options of {@link elbo}. */
export interface ElboOptions extends ReductionOptions {
  /** Weight β of the KL term (β-VAE; KL annealing passes its current value). ≥ 0. Default 1. */
  beta?: number;
}

/**
 * The terms {@link elbo} returns, each reduced the same way. The caller disposes all three
 * (`tf.dispose(terms)` works; a type alias rather than an interface so that it is a
 * `tf.TensorContainer` and can be returned from `tf.tidy`).
 */
export type ElboTerms = {
  /** The training loss `recon + β·kl` (the negative ELBO when β = 1), in nats. */
  loss: tf.Tensor;
  /** The reconstruction term (negative log-likelihood of x given z), in nats. */
  recon: tf.Tensor;
  /** The KL term, unweighted (β not applied), in nats. */
  kl: tf.Tensor;
};

/**
 * Combines a reconstruction negative log-likelihood and a KL divergence into the (β-weighted)
 * negative ELBO, `loss = recon + β·kl`, where `−ELBO(x) = −E_q[log p(x|z)] + KL(q(z|x) ‖ p(z))`.
 * Generic: pass per-example terms (`[batch]`, e.g. from a loss with `reduction: 'none'`) or
 * per-element terms (`[batch, ...]`, e.g. {@link klStandardNormalPerDim} after a free-bits
 * clamp); each is summed over its non-batch axes, then all three are reduced over the batch.
 *
 * @param recon - Reconstruction NLL, float32, shape `[batch, ...]`, in nats.
 * @param kl - KL term, float32, shape `[batch, ...]` with the same batch size, in nats.
 * @param options - `beta` (default 1) and `reduction` (default `'mean'`: nats per example; see
 *   {@link Reduction}).
 * @returns `{ loss, recon, kl }`: scalars, or `[batch]` vectors for `reduction: 'none'`.
 * @throws {@link ShapeError} if a term has rank 0 or the batch sizes differ.
 * @throws {@link InvalidArgumentError} for non-float32 terms or a `beta` that is negative or not
 *   finite.
 * @throws {@link UnknownOptionError} for an unknown reduction or option key.
 *
 * @example
 * ```ts
 * import { bernoulliNllFromLogits, elbo, klStandardNormal } from '@latentkit/tensor';
 *
 * const recon = bernoulliNllFromLogits(logits, x, { reduction: 'none' });
 * const kl = klStandardNormal(mu, logVar, { reduction: 'none' });
 * const { loss, recon: r, kl: k } = elbo(recon, kl, { beta: 1 });
 * ```
 */
export function elbo(recon: tf.Tensor, kl: tf.Tensor, options: ElboOptions = {}): ElboTerms {
  requireKnownOptions(options, ['reduction', 'beta']);
  const reduction = resolveReduction(options.reduction);
  const beta = options.beta ?? 1;
  requireFiniteNumber(beta, 'beta', 'nonNegative');
  requireFloatTensor(recon, 'recon');
  requireFloatTensor(kl, 'kl');
  requireRank(recon, 'recon');
  requireRank(kl, 'kl');
  if (recon.shape[0] !== kl.shape[0]) {
    throw new ShapeError(
      `recon batch size ${recon.shape[0]} (shape [${recon.shape.join(', ')}]) does not match ` +
        `kl batch size ${kl.shape[0]} (shape [${kl.shape.join(', ')}])`,
      [kl.shape[0] ?? null],
      recon.shape,
    );
  }
  return tf.tidy(() => {
    const reconPerExample = applyReduction(recon, 'none');
    const klPerExample = applyReduction(kl, 'none');
    const lossPerExample = tf.add(reconPerExample, tf.mul(klPerExample, beta));
    return {
      loss: applyReduction(lossPerExample, reduction),
      recon: applyReduction(reconPerExample, reduction),
      kl: applyReduction(klPerExample, reduction),
    };
  });
}
