import { bernoulliNllFromLogits, gaussianNll, tf } from '@latentkit/tensor';
import type { ResolvedModelConfig } from './model-config.js';

/**
 * A decoder distribution p(x|z) over the decoder's raw output (`[batch, ...shape]`, with the last
 * axis doubled when the distribution has two parameters per element).
 */
export interface Likelihood {
  /** Raw outputs per data element: 1, or 2 for `'gaussian-learned'` (μ and log σ²). */
  readonly paramsPerElement: 1 | 2;
  /** The location: logits (Bernoulli) or μ (Gaussian), shape `[batch, ...shape]`. */
  location(raw: tf.Tensor): tf.Tensor;
  /** E[x|z]: σ(logits) or μ. */
  mean(raw: tf.Tensor): tf.Tensor;
  /** −log p(x|z) per example, `[batch]`, in nats (summed over the example's elements). */
  nll(raw: tf.Tensor, x: tf.Tensor): tf.Tensor;
}

function half(raw: tf.Tensor, which: 0 | 1): tf.Tensor {
  const axis = raw.rank - 1;
  const size = raw.shape[axis]! / 2;
  const begin = raw.shape.map(() => 0);
  begin[axis] = which * size;
  const shape = [...raw.shape];
  shape[axis] = size;
  return tf.slice(raw, begin, shape);
}

/**
 * The {@link Likelihood} of a resolved model config.
 *
 * @internal
 */
export function createLikelihood(config: ResolvedModelConfig): Likelihood {
  switch (config.likelihood) {
    case 'bernoulli':
      return {
        paramsPerElement: 1,
        location: (raw) => raw,
        mean: (raw) => tf.sigmoid(raw),
        nll: (raw, x) => bernoulliNllFromLogits(raw, x, { reduction: 'none' }),
      };
    case 'gaussian': {
      const std = config.outputStd;
      return {
        paramsPerElement: 1,
        location: (raw) => raw,
        mean: (raw) => raw,
        nll: (raw, x) => gaussianNll(raw, x, { std, reduction: 'none' }),
      };
    }
    default: {
      // log σ² = m + softplus(r − m) with m = log(minStd²): ≥ m, ≈ r when r ≫ m, smooth.
      const m = 2 * Math.log(config.minOutputStd);
      const logVar = (raw: tf.Tensor): tf.Tensor =>
        tf.tidy(() => tf.add(tf.softplus(tf.sub(half(raw, 1), m)), m));
      return {
        paramsPerElement: 2,
        location: (raw) => half(raw, 0),
        mean: (raw) => half(raw, 0),
        nll: (raw, x) =>
          tf.tidy(() => gaussianNll(half(raw, 0), x, { logVar: logVar(raw), reduction: 'none' })),
      };
    }
  }
}
