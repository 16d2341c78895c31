import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import { checkInt } from '../../internal/check.js';
import { discreteEntropy } from './discrete-entropy.js';
import { discreteMutualInformation } from './discrete-mutual-information.js';
import { histogramDiscretize } from './histogram-discretize.js';

/** Options of {@link mutualInformationGap}. */
export interface MutualInformationGapOptions {
  /** Histogram bins per latent dimension. Default 20 (disentanglement_lib). */
  numBins?: number;
}

/** The Mutual Information Gap and what it is made of. */
export interface MigResult {
  /** Mean over the used factors of (largest − second-largest MI) / H(factor), in [0, 1]. */
  mig: number;
  /** Per factor: its normalized gap, `NaN` for a constant factor (not used). */
  gaps: Float64Array;
  /** I(discretized z_d; v_k) in nats, `[latentDim × numFactors]` row-major. */
  mutualInformation: Float64Array;
  /** H(v_k) in nats, per factor (empirical, over the points). */
  factorEntropy: Float64Array;
  /** Per factor: the latent dimension with the largest MI (lowest index on ties). */
  topLatent: Int32Array;
  /** Factors that vary among the points (entropy > 0): the ones averaged. */
  usedFactors: number[];
  /** Number of latent dimensions. */
  latentDim: number;
  /** Number of points. */
  numPoints: number;
}

/**
 * The Mutual Information Gap (Chen et al., 2018) of latent codes against ground-truth factors,
 * computed as disentanglement_lib's `_compute_mig`: each latent dimension is discretized into
 * `numBins` equal-width bins over its range ({@link histogramDiscretize}); the mutual information
 * between every discretized dimension and every factor ({@link discreteMutualInformation}) and
 * each factor's entropy ({@link discreteEntropy}) are in nats; then
 * `MIG = mean_k (I₍₁₎ₖ − I₍₂₎ₖ) / H(v_k)` with I₍₁₎ₖ ≥ I₍₂₎ₖ the two largest MIs of factor k.
 *
 * Differences from disentanglement_lib: factors that take one value among the points are left out
 * of the mean (there they give 0/0 = NaN), and with a single latent dimension the second MI is 0.
 * Note: with 20 bins, a dimension carries at most ln 20 nats, so even a perfect encoder scores
 * ln 20 / ln K < 1 on a factor with K > 20 equally likely classes.
 *
 * @param codes - Latent codes (e.g. posterior means), `[n × latentDim]` row-major.
 * @param factors - Factor classes (integer labels), `[n × numFactors]` row-major.
 * @param n - Number of points.
 * @param options - See {@link MutualInformationGapOptions}.
 * @throws {@link ShapeError} when `codes` or `factors` is not `n` rows;
 *   {@link InvalidArgumentError} for bad options, non-finite codes, non-integer factors, or when
 *   every factor is constant.
 *
 * @example
 * ```ts
 * import { mutualInformationGap } from '@latentkit/models';
 *
 * const codes = new Float32Array([0, 5, 1, 5, 2, 5, 3, 5]); // 4 points × 2 dims; dim 1 is constant
 * const factors = new Int32Array([0, 1, 2, 3]); // 4 points × 1 factor
 * mutualInformationGap(codes, factors, 4, { numBins: 4 }).mig; // → 1 (dim 0 holds the factor alone)
 * ```
 */
export function mutualInformationGap(
  codes: Float32Array | Float64Array,
  factors: Int32Array,
  n: number,
  options: MutualInformationGapOptions = {},
): MigResult {
  requireKnownOptions(options, ['numBins'], 'mutualInformationGap options');
  const numBins = checkInt(options.numBins ?? 20, 'numBins', 1, 2 ** 24);
  checkInt(n, 'n');
  if (!(factors instanceof Int32Array)) {
    throw new InvalidArgumentError('factors', 'must be an Int32Array [n × numFactors]');
  }
  const numFactors = factors.length / n;
  if (!Number.isInteger(numFactors) || numFactors < 1) {
    throw new ShapeError(
      `factors has ${factors.length} elements, not a positive multiple of n = ${n}`,
      [n, null],
      [factors.length],
    );
  }
  const bins = histogramDiscretize(codes, n, numBins); // checks codes' shape and finiteness
  const latentDim = codes.length / n;
  const column = (data: Int32Array, width: number, c: number): Int32Array => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = data[i * width + c]!;
    return out;
  };
  const latentColumns = Array.from({ length: latentDim }, (_, d) => column(bins, latentDim, d));
  const mutualInformation = new Float64Array(latentDim * numFactors);
  const factorEntropy = new Float64Array(numFactors);
  const gaps = new Float64Array(numFactors).fill(Number.NaN);
  const topLatent = new Int32Array(numFactors).fill(-1);
  const usedFactors: number[] = [];
  for (let k = 0; k < numFactors; k++) {
    const v = column(factors, numFactors, k);
    factorEntropy[k] = discreteEntropy(v);
    let first = -1;
    let second = -1;
    for (let d = 0; d < latentDim; d++) {
      const mi = discreteMutualInformation(latentColumns[d]!, v);
      mutualInformation[d * numFactors + k] = mi;
      if (first < 0 || mi > mutualInformation[first * numFactors + k]!) {
        second = first;
        first = d;
      } else if (second < 0 || mi > mutualInformation[second * numFactors + k]!) {
        second = d;
      }
    }
    topLatent[k] = first;
    if (factorEntropy[k]! > 0) {
      const top = mutualInformation[first * numFactors + k]!;
      const next = second < 0 ? 0 : mutualInformation[second * numFactors + k]!;
      gaps[k] = (top - next) / factorEntropy[k]!;
      usedFactors.push(k);
    }
  }
  if (usedFactors.length === 0) {
    throw new InvalidArgumentError('factors', 'every factor is constant over the points');
  }
  const mig = usedFactors.reduce((s, k) => s + gaps[k]!, 0) / usedFactors.length;
  return {
    mig,
    gaps,
    mutualInformation,
    factorEntropy,
    topLatent,
    usedFactors,
    latentDim,
    numPoints: n,
  };
}
