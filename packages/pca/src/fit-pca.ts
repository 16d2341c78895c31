import {
  InvalidArgumentError,
  renamedOption,
  requireKnownOptions,
  type SeedLike,
  UnknownOptionError,
} from '@latentkit/core';
import { columnStats } from './covariance.js';
import { assertFinite, type MatrixInput, toDenseMatrix } from './dense-matrix.js';
import { modelFromScatter } from './model-from-scatter.js';
import type { PcaModel } from './pca-model.js';
import { randomizedPca, randomizedPcaFromScatter } from './randomized-pca.js';
import { type ScatterEngine, scatterMatrix } from './scatter-matrix.js';
import type { ScatterWorkers } from './scatter-workers.js';
import { checkComponents } from './spectrum.js';

/** PCA algorithm choice of {@link fitPca}. */
export type PcaSolver = 'auto' | 'exact' | 'randomized';

/** Options of {@link fitPca}. */
export interface FitPcaOptions {
  /**
   * Number of components k, `1 ≤ k ≤ min(N − 1, d)`. Required (optional in the type only while
   * the deprecated `nComponents` is accepted).
   */
  numComponents?: number;
  /** @deprecated Use `numComponents` (counts are `numX` across latentkit). */
  nComponents?: number;
  /**
   * `'exact'`: covariance (sparse wasm SIMD kernel or dense tfjs product, chosen by measured
   * density; float64 sums, see `scatterMatrix`) + float64 symmetric eigen-decomposition.
   * `'randomized'`: Halko et al. range finder with power iterations on the tfjs backend
   * (on the scatter matrix when `d` is small against the iterations' work), seeded. `'auto'` (default): exact when `d ≤ 1000` or
   * `k > d / 4` (the d×d covariance is cheap next to the data pass, and a randomized fit needs
   * ≈ 2·(numIterations + 1)·(k + oversamples)/d data passes' worth of work), randomized otherwise.
   */
  method?: PcaSolver;
  /** Scale transformed components to unit variance (scikit-learn's `whiten`). Default `false`. */
  whiten?: boolean;
  /** Randomized only: seed of the random test matrix. Default 0. */
  seed?: SeedLike;
  /**
   * Randomized only: extra columns of the range finder. Default `max(10, ⌈k/2⌉)` (scikit-learn
   * uses 10; with k = 50 on MNIST that leaves the 50th eigenvalue 1.4e-3 off, 25 brings it
   * within 1e-3).
   */
  oversamples?: number;
  /**
   * Randomized only: power iterations. Default as scikit-learn's `'auto'`: 7 when
   * `k < 0.1·min(N, d)`, else 4.
   */
  numIterations?: number;
  /** @deprecated Use `numIterations`. */
  nIter?: number;
  /**
   * How the scatter matrix is computed (see `scatterMatrix`; used by `'exact'`, and by
   * `'randomized'` when it iterates on the scatter matrix). Default for `'exact'`: `'js'`
   * (float64 sums) when `x` holds float64 values (a `Float64Array` or arrays of numbers), so every
   * component whose variance float64 can resolve is found; `'auto'` for float32 data (tensors,
   * `Float32Array`) and for `'randomized'`. With a float32 engine, small eigenvalues are measured
   * again on the data in float64, and the scatter is recomputed in float64 when it cannot tell a
   * requested direction from round-off.
   */
  engine?: ScatterEngine;
  /**
   * Worker threads for the sparse scatter kernel (Node: `createScatterWorkers()` from
   * `@latentkit/pca/node`). Default: none, everything runs on the calling thread.
   */
  workers?: ScatterWorkers;
}

const SOLVERS: readonly PcaSolver[] = ['auto', 'exact', 'randomized'];

const FIT_PCA_OPTION_KEYS = [
  'numComponents',
  'method',
  'whiten',
  'seed',
  'oversamples',
  'numIterations',
  'nComponents',
  'nIter',
  'engine',
  'workers',
];

/**
 * Fits a PCA to `x` (samples in rows), following scikit-learn's conventions: components are the
 * top-k eigenvectors of the N − 1 sample covariance, each flipped so its largest-magnitude entry
 * is positive. Call `initBackend()` from `@latentkit/tensor` first (the heavy products run on the
 * active tfjs backend; small problems are computed in float64 JavaScript).
 *
 * @param x - Data `[N, d]`: a rank-2 tensor, an array of rows or `{ data, rows, cols }`.
 * @param options - See {@link FitPcaOptions}.
 * @returns The fitted {@link PcaModel}.
 * @throws {@link ShapeError} for empty, ragged or non-rank-2 input.
 * @throws {@link NonFiniteError} if `x` holds NaN/±Infinity.
 * @throws {@link InvalidArgumentError} if `numComponents` is not an integer in
 *   `[1, min(N − 1, d)]` or exceeds the numerical rank of the centered data: the number of
 *   directions whose variance is above the round-off floor of the precision used (float64 for
 *   the rank decision of an exact fit; see `engine`).
 * @throws {@link UnknownOptionError} for an unknown option (e.g. a misspelled `nComponent`) or an
 *   unknown `method`.
 *
 * @example
 * ```ts
 * import { initBackend } from '@latentkit/tensor';
 * import { fitPca } from '@latentkit/pca';
 *
 * await initBackend();
 * const pca = fitPca(images, { numComponents: 50 });
 * const codes = pca.transform(images); // { data, rows, cols: 50 }
 * ```
 */
export function fitPca(x: MatrixInput, options: FitPcaOptions): PcaModel {
  if (options === undefined) {
    throw new InvalidArgumentError('options', 'fitPca needs { numComponents }');
  }
  requireKnownOptions(options, FIT_PCA_OPTION_KEYS, 'fitPca options');
  const method = options.method ?? 'auto';
  if (!SOLVERS.includes(method)) throw new UnknownOptionError('method', method, SOLVERS);
  const m = toDenseMatrix(x, { name: 'x', checkFinite: false });
  const k = renamedOption<number>(options, 'numComponents', 'nComponents', 'fitPca options');
  if (k === undefined) throw new InvalidArgumentError('numComponents', 'is required');
  const numIterations = renamedOption<number>(options, 'numIterations', 'nIter', 'fitPca options');
  checkComponents(k, m.rows, m.cols);
  const whiten = options.whiten ?? false;
  const useExact = method === 'exact' || (method === 'auto' && (m.cols <= 1000 || k > m.cols / 4));
  if (useExact) {
    // Float64 data get float64 sums by default: the float32 engines would cap the accuracy of
    // small eigenvalues at ~1e-6 of the largest, which float64 data can resolve.
    const { scatter, active, mean, engine } = scatterMatrix(m, {
      engine: options.engine ?? (m.data instanceof Float64Array ? 'js' : 'auto'),
      ...(options.workers ? { workers: options.workers } : {}),
    });
    return modelFromScatter({ scatter, active, mean, numSamples: m.rows, numFeatures: m.cols }, k, {
      whiten,
      method: 'exact',
      precision: engine === 'js' ? 'float64' : 'float32',
      data: m,
    });
  }
  const rnd = {
    whiten,
    seed: options.seed ?? 0,
    oversamples: options.oversamples ?? Math.max(10, Math.ceil(k / 2)),
    numIterations: numIterations ?? (k < 0.1 * Math.min(m.rows, m.cols) ? 7 : 4),
  };
  // Power iterations on the d × d scatter matrix cost d²·l each, on the data 2·N·d·l; the
  // scatter costs ≲ N·d² once (far less for sparse data), so it wins unless d is large.
  const l = k + rnd.oversamples;
  if (m.cols <= 4096 && m.cols < 2 * (rnd.numIterations + 1) * l) {
    const sm = scatterMatrix(m, {
      engine: options.engine ?? 'auto',
      ...(options.workers ? { workers: options.workers } : {}),
    });
    return randomizedPcaFromScatter(
      {
        scatter: sm.scatter,
        active: sm.active,
        mean: sm.mean,
        numSamples: m.rows,
        numFeatures: m.cols,
      },
      k,
      rnd,
    );
  }
  const stats = columnStats(m);
  // A NaN/±Infinity makes its column's sum non-finite; scan only then (to name the entry).
  for (const s of stats.mean) if (!Number.isFinite(s)) assertFinite(m.data, 'x');
  return randomizedPca(m, stats, k, rnd);
}
