import { type PcaMethod, PcaModel } from './pca-model.js';
import { applySignConvention } from './sign-convention.js';
import { checkComponents, makeSpectrum } from './spectrum.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Inputs of {@link modelFromScatter}. */
export interface ScatterInput {
  /** Centered scatter matrix over the `active` columns, `a × a` row-major (not divided by N − 1). */
  scatter: Float64Array;
  /** Indices (into `0…d−1`) of the columns `scatter` covers; the others have zero variance. */
  active: Int32Array;
  /** Per-feature mean, `[d]`. */
  mean: Float64Array;
  /** Number of samples N (≥ 2). */
  nSamples: number;
  /** Number of features d. */
  nFeatures: number;
}

/**
 * Turns a centered scatter matrix into a fitted {@link PcaModel}: eigen-decomposition of the
 * sample covariance `scatter / (N − 1)` (float64), top-k components with the sign convention,
 * scikit-learn's variance figures.
 *
 * @throws {@link InvalidArgumentError} if `k` exceeds `min(N − 1, d)` or the numerical rank.
 */
export function modelFromScatter(
  input: ScatterInput,
  k: number,
  options: { whiten: boolean; method: PcaMethod },
): PcaModel {
  const { scatter, active, mean, nSamples: n, nFeatures: d } = input;
  checkComponents(k, n, d);
  const a = active.length;
  const cov = new Float64Array(a * a);
  let total = 0;
  for (let i = 0; i < a * a; i++) cov[i] = (scatter[i] as number) / (n - 1);
  for (let p = 0; p < a; p++) total += cov[p * a + p] as number;
  const eig = symmetricEigen(cov, a, Math.min(k, a));
  const top = eig.values[0] ?? 0;
  // Numerical rank: eigenvalues above float32-product noise relative to the largest.
  let rank = 0;
  for (const v of eig.values) if (v > top * 1e-6 * Math.max(1, Math.sqrt(n))) rank++;
  checkComponents(k, n, d, top > 0 ? rank : 0);
  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++)
    for (let p = 0; p < a; p++)
      components[c * d + (active[p] as number)] = eig.vectors[c * a + p] as number;
  applySignConvention(components, k, d);
  const spectrum = makeSpectrum(eig.values.subarray(0, k), total, n, d);
  return new PcaModel({
    ...spectrum,
    components,
    mean: Float64Array.from(mean),
    nComponents: k,
    nFeatures: d,
    nSamples: n,
    whiten: options.whiten,
    method: options.method,
  });
}
