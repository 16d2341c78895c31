import { requireKnownOptions } from '@latentkit/core';
import { type SeedLike, tf, toRng } from '@latentkit/tensor';
import type { ColumnStats } from './covariance.js';
import type { DenseMatrix } from './dense-matrix.js';
import type { ScatterInput } from './model-from-scatter.js';
import { PcaModel } from './pca-model.js';
import { applySignConvention } from './sign-convention.js';
import { makeSpectrum } from './spectrum.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Options of {@link randomizedPca}. */
export interface RandomizedPcaOptions {
  /** Scale transformed components to unit variance. */
  whiten: boolean;
  /** Seed of the Gaussian test matrix. */
  seed: SeedLike;
  /** Extra range-finder columns beyond k. */
  oversamples: number;
  /** Number of power (subspace) iterations. */
  numIterations: number;
}

/**
 * Orthonormalizes the `l` vectors (each of length `a`, stored one after another) in place:
 * classical Gram–Schmidt applied twice ("twice is enough"), float64. A vector that vanishes is
 * replaced by zeros (it then adds nothing to the Rayleigh–Ritz step).
 */
function orthonormalize(V: Float64Array, a: number, l: number): void {
  for (let j = 0; j < l; j++) {
    const vj = V.subarray(j * a, (j + 1) * a);
    let before = 0;
    for (let t = 0; t < a; t++) before += (vj[t] as number) ** 2;
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i < j; i++) {
        const vi = V.subarray(i * a, (i + 1) * a);
        let dot = 0;
        for (let t = 0; t < a; t++) dot += (vi[t] as number) * (vj[t] as number);
        for (let t = 0; t < a; t++) vj[t] = (vj[t] as number) - dot * (vi[t] as number);
      }
    let norm = 0;
    for (let t = 0; t < a; t++) norm += (vj[t] as number) ** 2;
    if (norm <= before * 1e-24 || norm === 0) vj.fill(0);
    else {
      const inv = 1 / Math.sqrt(norm);
      for (let t = 0; t < a; t++) vj[t] = (vj[t] as number) * inv;
    }
  }
}

/**
 * Randomized PCA (Halko, Martinsson & Tropp 2011, Alg. 4.4 applied to the covariance): a seeded
 * Gaussian test matrix of `k + oversamples` columns, `numIterations` subspace iterations
 * `Q ← orth(Xcᵀ·(Xc·Q))` whose products run on the tfjs backend (float32, explicit transposes),
 * orthonormalization and the final Rayleigh–Ritz step in float64. The total variance is exact.
 *
 * @param m - Data `[N, d]` (already validated).
 * @param stats - Column means and non-constant columns of `m`.
 * @param k - Number of components.
 * @param options - See {@link RandomizedPcaOptions}.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function randomizedPca(
  m: DenseMatrix,
  stats: ColumnStats,
  k: number,
  options: RandomizedPcaOptions,
): PcaModel {
  requireKnownOptions(
    options,
    ['whiten', 'seed', 'oversamples', 'numIterations'],
    'randomizedPca options',
  );
  const { data, rows: n, cols: d } = m;
  const { mean, active } = stats;
  const a = active.length;
  const xc = new Float32Array(n * a);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    const o = i * a;
    for (let p = 0; p < a; p++) {
      const j = active[p] as number;
      const v = (data[off + j] as number) - (mean[j] as number);
      xc[o + p] = v;
      total += v * v;
    }
  }
  const X = tf.tensor2d(xc, [n, a]);
  const XT = tf.transpose(X) as tf.Tensor2D;
  try {
    const gram = (q: tf.Tensor2D) => tf.matMul(XT, tf.matMul(X, q));
    return rangeFinderPca(
      gram,
      { mean, active, numSamples: n, numFeatures: d },
      total / (n - 1),
      k,
      options,
    );
  } finally {
    X.dispose();
    XT.dispose();
  }
}

/**
 * Randomized PCA from a precomputed centered scatter matrix (`scatterMatrix`): the same range
 * finder and seeded test matrix as {@link randomizedPca}, but each power iteration multiplies by
 * the `a × a` scatter matrix (float32 on the tfjs backend) instead of passing over the data twice
 * — cheaper whenever `a < 2·(numIterations + 1)·(k + oversamples)` or the data are sparse.
 *
 * @param input - Scatter over the active columns, means, N and d (see `modelFromScatter`).
 * @param k - Number of components.
 * @param options - See {@link RandomizedPcaOptions}.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function randomizedPcaFromScatter(
  input: ScatterInput,
  k: number,
  options: RandomizedPcaOptions,
): PcaModel {
  requireKnownOptions(
    options,
    ['whiten', 'seed', 'oversamples', 'numIterations'],
    'randomizedPcaFromScatter options',
  );
  const { scatter, active, numSamples: n } = input;
  const a = active.length;
  let total = 0;
  for (let p = 0; p < a; p++) total += scatter[p * a + p] as number;
  const S = tf.tensor2d(Float32Array.from(scatter), [a, a]);
  try {
    const gram = (q: tf.Tensor2D) => tf.matMul(S, q);
    return rangeFinderPca(gram, input, total / (n - 1), k, options);
  } finally {
    S.dispose();
  }
}

function rangeFinderPca(
  gram: (q: tf.Tensor2D) => tf.Tensor,
  shape: { mean: Float64Array; active: Int32Array; numSamples: number; numFeatures: number },
  total: number,
  k: number,
  options: RandomizedPcaOptions,
): PcaModel {
  const { mean, active, numSamples: n, numFeatures: d } = shape;
  const a = active.length;
  const l = Math.max(k, Math.min(k + Math.max(0, options.oversamples), a, n));
  const rng = toRng(options.seed);
  const Q = new Float64Array(l * a); // l vectors of length a
  for (let i = 0; i < Q.length; i++) Q[i] = rng.normal();
  orthonormalize(Q, a, l);
  let ritz: { values: Float64Array; vectors: Float64Array } | undefined;
  for (let it = 0; it <= options.numIterations; it++) {
    // Z = Xcᵀ·Xc·Q (by `gram`) with Q stored transposed ([a, l]).
    const qt = new Float32Array(a * l);
    for (let j = 0; j < l; j++) for (let p = 0; p < a; p++) qt[p * l + j] = Q[j * a + p] as number;
    const zt = tf.tidy(() => gram(tf.tensor2d(qt, [a, l])));
    const z = zt.dataSync();
    zt.dispose();
    const Z = new Float64Array(l * a);
    for (let p = 0; p < a; p++) for (let j = 0; j < l; j++) Z[j * a + p] = z[p * l + j] as number;
    if (it === options.numIterations) {
      // Rayleigh–Ritz: M = Qᵀ·Z = Qᵀ Xcᵀ Xc Q (l × l), symmetrized.
      const M = new Float64Array(l * l);
      for (let i = 0; i < l; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let p = 0; p < a; p++) s += (Q[i * a + p] as number) * (Z[j * a + p] as number);
          let s2 = 0;
          for (let p = 0; p < a; p++) s2 += (Q[j * a + p] as number) * (Z[i * a + p] as number);
          M[i * l + j] = (s + s2) / 2;
          M[j * l + i] = (s + s2) / 2;
        }
      const eig = symmetricEigen(M, l, k);
      ritz = { values: eig.values, vectors: eig.vectors };
    } else {
      Q.set(Z);
      orthonormalize(Q, a, l);
    }
  }
  const { values, vectors } = ritz as { values: Float64Array; vectors: Float64Array };
  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < l; j++) {
      const u = vectors[c * l + j] as number;
      for (let p = 0; p < a; p++) {
        const idx = c * d + (active[p] as number);
        components[idx] = (components[idx] as number) + u * (Q[j * a + p] as number);
      }
    }
  applySignConvention(components, k, d);
  const ev = new Float64Array(k);
  for (let c = 0; c < k; c++) ev[c] = (values[c] as number) / (n - 1);
  return new PcaModel({
    ...makeSpectrum(ev, total, n, d),
    components,
    mean: Float64Array.from(mean),
    numComponents: k,
    numFeatures: d,
    numSamples: n,
    whiten: options.whiten,
    method: 'randomized',
  });
}
