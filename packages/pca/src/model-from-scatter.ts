import { centeredScatter } from './covariance.js';
import type { DenseMatrix } from './dense-matrix.js';
import { type PcaMethod, PcaModel } from './pca-model.js';
import { refineOnData } from './ritz-refinement.js';
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
  numSamples: number;
  /** Number of features d. */
  numFeatures: number;
}

/** Arithmetic a scatter matrix was accumulated in (see `ScatterMatrixResult.engine`). */
export type ScatterPrecision = 'float32' | 'float64';

/** Options of {@link modelFromScatter}. */
export interface ModelFromScatterOptions {
  whiten: boolean;
  method: PcaMethod;
  /**
   * How the scatter was accumulated: float32 products (`'wasm'`, `'sparse'`, `'dense'`) or
   * float64 (`'js'`).
   */
  precision: ScatterPrecision;
  /**
   * The data the scatter came from. With it, small eigenvalues are measured again on the data in
   * float64 (`refineOnData`), and a float32 scatter that cannot resolve them is recomputed in
   * float64. Without it, eigenvalues are the scatter's and the rank rule uses its precision.
   */
  data?: DenseMatrix;
}

/** Unit round-off of each precision. */
const ROUNDOFF: Record<ScatterPrecision, number> = { float32: 2 ** -24, float64: 2 ** -53 };
/**
 * Below this fraction of the largest eigenvalue, an eigenvalue read off the scatter is measured
 * again on the data: the scatter's absolute error (~1e-6 of the largest for float32 products,
 * ~1e-14 for float64 sums) would cost it more than ~1e-8 of relative accuracy.
 */
const REFINE_BELOW: Record<ScatterPrecision, number> = { float32: 1e-2, float64: 1e-6 };
/**
 * A float32 scatter's directions are off by ~1e-6 (relative), so a direction whose measured
 * variance is below this fraction of the largest may be a null direction seen through that
 * error; the scatter is then recomputed in float64 before any rank decision.
 */
const FLOAT32_RESOLVES = 1e-4;

/**
 * Turns a centered scatter matrix into a fitted {@link PcaModel}: eigen-decomposition of the
 * sample covariance `scatter / (N − 1)` (float64), top-k components with the sign convention,
 * scikit-learn's variance figures.
 *
 * Precision follows the computation: eigenvalues below a precision-dependent fraction of the
 * largest are re-measured on the data in float64 (Rayleigh–Ritz, {@link refineOnData}); a float32
 * scatter that leaves a requested eigenvalue below 1e-6 of the largest is recomputed in float64;
 * and the numerical rank counts the directions whose variance exceeds the round-off floor of the
 * precision used, `(max(N, d)·u)²·s`, where `u` is the unit round-off and `s` the largest column
 * second moment `μⱼ² + σⱼ²` (the rounding of the stored values and of centering is of that size;
 * NumPy's `matrix_rank` uses the same `max(N, d)·u` factor on singular values).
 *
 * @throws {@link InvalidArgumentError} if `k` exceeds `min(N − 1, d)` or the numerical rank.
 */
export function modelFromScatter(
  input: ScatterInput,
  k: number,
  options: ModelFromScatterOptions,
): PcaModel {
  const { active, mean, numSamples: n, numFeatures: d } = input;
  checkComponents(k, n, d);
  let precision = options.precision;
  let scatter = input.scatter;
  let found = decompose(scatter, input, k, precision, options.data);
  if (precision === 'float32' && options.data && found.smallest < found.top * FLOAT32_RESOLVES) {
    precision = 'float64';
    scatter = centeredScatter(options.data, { mean, active }, { engine: 'js' });
    found = decompose(scatter, input, k, precision, options.data);
  }
  const a = active.length;
  let total = 0;
  let secondMoment = 0;
  for (let p = 0; p < a; p++) {
    const variance = (scatter[p * a + p] as number) / (n - 1);
    total += variance;
    secondMoment = Math.max(secondMoment, variance + (mean[active[p] as number] as number) ** 2);
  }
  const floor = (Math.max(n, d) * ROUNDOFF[precision]) ** 2 * secondMoment;
  let rank = 0;
  for (let i = 0; i < k; i++) if ((found.values[i] as number) > floor) rank++;
  if (rank < k) checkComponents(k, n, d, found.top > 0 ? rank : 0, precision);
  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++)
    for (let p = 0; p < a; p++)
      components[c * d + (active[p] as number)] = found.vectors[c * a + p] as number;
  applySignConvention(components, k, d);
  const spectrum = makeSpectrum(found.values, total, n, d);
  return new PcaModel({
    ...spectrum,
    components,
    mean: Float64Array.from(mean),
    numComponents: k,
    numFeatures: d,
    numSamples: n,
    whiten: options.whiten,
    method: options.method,
  });
}

interface Decomposition {
  /** The k eigenvalues (N − 1 convention), descending, refined where it pays. */
  values: Float64Array;
  /** The k directions as rows over the active columns. */
  vectors: Float64Array;
  top: number;
  smallest: number;
}

function decompose(
  scatter: Float64Array,
  input: ScatterInput,
  k: number,
  precision: ScatterPrecision,
  data: DenseMatrix | undefined,
): Decomposition {
  const { active, mean, numSamples: n } = input;
  const a = active.length;
  const cov = new Float64Array(a * a);
  for (let i = 0; i < a * a; i++) cov[i] = (scatter[i] as number) / (n - 1);
  const kk = Math.min(k, a);
  const eig = symmetricEigen(cov, a, kk);
  const values = new Float64Array(k);
  values.set(eig.values.subarray(0, kk));
  const vectors = new Float64Array(k * a);
  vectors.set(eig.vectors.subarray(0, kk * a));
  const top = Math.max(0, values[0] ?? 0);
  let first = kk;
  while (first > 0 && (values[first - 1] as number) < top * REFINE_BELOW[precision]) first--;
  if (data && first < kk) {
    const tail = refineOnData(data, mean, active, vectors.subarray(first * a, kk * a), kk - first);
    values.set(tail.values, first);
    vectors.set(tail.vectors, first * a);
  }
  return { values, vectors, top, smallest: kk > 0 ? (values[kk - 1] as number) : 0 };
}
