import { InvalidArgumentError } from '@latentkit/core';

/** Variance figures shared by every PCA fit (scikit-learn conventions, N − 1 denominator). */
export interface Spectrum {
  /** Variance along each kept component (eigenvalues of the N − 1 sample covariance), `[k]`. */
  explainedVariance: Float64Array;
  /** `explainedVariance / totalVariance`, `[k]`. */
  explainedVarianceRatio: Float64Array;
  /** Singular values of the centered data: `sqrt(explainedVariance · (N − 1))`, `[k]`. */
  singularValues: Float64Array;
  /** Sum of the per-feature sample variances (trace of the covariance). */
  totalVariance: number;
  /**
   * Mean variance of the discarded directions, as scikit-learn's `noise_variance_`:
   * `(totalVariance − Σ explainedVariance) / (min(N, d) − k)`, or 0 when `k = min(N, d)`.
   */
  noiseVariance: number;
}

/**
 * Builds the {@link Spectrum} from the kept eigenvalues of the sample covariance.
 *
 * @param eigenvalues - The `k` largest eigenvalues (N − 1 convention), descending.
 * @param totalVariance - Trace of the sample covariance.
 * @param numSamples - N.
 * @param numFeatures - d.
 */
export function makeSpectrum(
  eigenvalues: ArrayLike<number>,
  totalVariance: number,
  numSamples: number,
  numFeatures: number,
): Spectrum {
  const k = eigenvalues.length;
  const explainedVariance = new Float64Array(k);
  const explainedVarianceRatio = new Float64Array(k);
  const singularValues = new Float64Array(k);
  let kept = 0;
  for (let i = 0; i < k; i++) {
    // Round-off can make a zero eigenvalue slightly negative.
    const v = Math.max(0, eigenvalues[i] as number);
    explainedVariance[i] = v;
    explainedVarianceRatio[i] = totalVariance > 0 ? v / totalVariance : 0;
    singularValues[i] = Math.sqrt(v * (numSamples - 1));
    kept += v;
  }
  const rest = Math.min(numSamples, numFeatures) - k;
  const noiseVariance = rest > 0 ? Math.max(0, totalVariance - kept) / rest : 0;
  return {
    explainedVariance,
    explainedVarianceRatio,
    singularValues,
    totalVariance,
    noiseVariance,
  };
}

/**
 * Checks a requested number of components against the data: `1 ≤ k ≤ min(N − 1, d)`
 * (a centered N-row matrix has rank at most N − 1) and, when `rank` is given, `k ≤ rank`.
 *
 * @param precision - The arithmetic the rank was measured in, named in the error.
 * @throws {@link InvalidArgumentError} naming `numComponents` otherwise.
 */
export function checkComponents(
  k: number,
  numSamples: number,
  numFeatures: number,
  rank?: number,
  precision = 'float64',
): void {
  if (!Number.isInteger(k) || k < 1)
    throw new InvalidArgumentError('numComponents', `must be a positive integer, got ${k}`);
  const limit = Math.min(numSamples - 1, numFeatures);
  if (k > limit)
    throw new InvalidArgumentError(
      'numComponents',
      `${k} exceeds min(numSamples − 1, numFeatures) = min(${numSamples - 1}, ${numFeatures}) = ${limit}`,
    );
  if (rank !== undefined && k > rank)
    throw new InvalidArgumentError(
      'numComponents',
      `${k} exceeds the numerical rank of the centered data (${rank}): only ${rank} directions have variance above ${precision} round-off`,
    );
}
