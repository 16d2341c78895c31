import { requireKnownOptions } from '@latentkit/core';
import { klStandardNormalPerDim, tf } from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { checkModelData, forEachBatch, type ModelData } from '../training/model-data.js';

/** Options of {@link latentStatistics}. */
export interface LatentStatisticsOptions {
  /** A dimension is active when Var_x[E_q z_d] exceeds this. Default 0.01 (Burda et al.). */
  threshold?: number;
  /** Examples per encoder pass. Default 500. */
  batchSize?: number;
}

/** Result of {@link latentStatistics}; arrays have one entry per latent dimension. */
export interface LatentStatistics {
  /** Var over the data of the posterior mean μ_d(x) (population variance, divisor n). */
  meanVariance: Float64Array;
  /** Whether each dimension is active (`meanVariance > threshold`). */
  active: boolean[];
  /** Number of active units. */
  activeUnits: number;
  /** Closed-form KL(q(z_d|x) ‖ N(0, 1)) averaged over the data, nats (zeros for an AE). */
  klPerDim: Float64Array;
}

/**
 * Active units and KL per latent dimension over a data set, in one encoder pass: the activity
 * statistic A_d = Var_x(E_{q(z|x)}[z_d]) of Burda et al. (2016) and the average KL of each
 * dimension (a collapsed dimension has KL ≈ 0 and A_d ≈ 0). Sums are accumulated in float64.
 *
 * @param model - The model (an AE gives the variance of its code and zero KL).
 * @param data - The examples.
 * @param options - See {@link LatentStatisticsOptions}.
 * @throws As `checkModelData`; {@link InvalidArgumentError} / {@link UnknownOptionError} for bad
 *   options.
 *
 * @example
 * ```ts
 * import { latentStatistics } from '@latentkit/models';
 *
 * const { activeUnits, klPerDim } = latentStatistics(model, { x: mnist.test.images });
 * // activeUnits: latent dims with Var_x E[z|x] > 0.01; klPerDim: Float64Array(latentDim), nats
 * ```
 */
export function latentStatistics(
  model: Model,
  data: ModelData,
  options: LatentStatisticsOptions = {},
): LatentStatistics {
  requireKnownOptions(options, ['threshold', 'batchSize'], 'latentStatistics options');
  const threshold = checkNumber(options.threshold ?? 0.01, 'threshold', 'nonNegative');
  const batchSize = checkInt(options.batchSize ?? 500, 'batchSize');
  const info = checkModelData(data, model);
  const d = model.latentDim;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const kl = new Float64Array(d);
  let shift: Float32Array | undefined; // first μ, to keep the variance sums well conditioned
  forEachBatch(data, model, info, batchSize, (x, labels) => {
    const [mu, klDims] = tf.tidy(() => {
      const post = model.encode(x, labels);
      const k = post.logVar
        ? tf.sum(klStandardNormalPerDim(post.mu, post.logVar), 0)
        : tf.zeros([d]);
      return [post.mu, k];
    });
    const m = mu.dataSync() as Float32Array;
    const kv = klDims.dataSync();
    tf.dispose([mu, klDims]);
    shift ??= m.slice(0, d);
    for (let i = 0; i < m.length; i++) {
      const j = i % d;
      const v = m[i]! - shift[j]!;
      sum[j]! += v;
      sumSq[j]! += v * v;
    }
    for (let j = 0; j < d; j++) kl[j]! += kv[j]!;
  });
  const meanVariance = sum.map((s, j) => Math.max(0, sumSq[j]! / info.n - (s / info.n) ** 2));
  const active = Array.from(meanVariance, (v) => v > threshold);
  return {
    meanVariance,
    active,
    activeUnits: active.filter(Boolean).length,
    klPerDim: kl.map((v) => v / info.n),
  };
}
