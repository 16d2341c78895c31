import { renamedOption, requireKnownOptions, ShapeError } from '@latentkit/core';
import {
  centeredScatter,
  columnStats,
  type ScatterOptions,
  scatterArithmetic,
} from './covariance.js';
import { assertFinite, type MatrixInput, toDenseMatrix } from './dense-matrix.js';
import { modelFromScatter } from './model-from-scatter.js';
import type { PcaModel } from './pca-model.js';

/**
 * Streaming PCA for data that arrives in batches (and need not fit in memory): keeps the exact
 * running mean and the centered co-moment (scatter) matrix in float64, merging each batch with
 * Chan, Golub & LeVeque's pairwise update
 * `M ← M + M_b + δδᵀ · n·n_b/(n + n_b)`, `δ = mean_b − mean`. Memory is `O(d²)`; the result
 * equals an exact fit of all rows seen (up to float32 rounding in each batch's product).
 *
 * Unlike scikit-learn's `IncrementalPCA` (an incremental SVD that approximates when
 * `numComponents < d`), this is exact, because it keeps the full `d × d` scatter.
 *
 * @example
 * ```ts
 * import { IncrementalPca } from '@latentkit/pca';
 *
 * const inc = new IncrementalPca();
 * for (const batch of batches) inc.partialFit(batch);
 * const pca = inc.result({ numComponents: 10 });
 * ```
 */
export class IncrementalPca {
  private count = 0;
  private d = -1;
  private mean = new Float64Array(0);
  private scatter = new Float64Array(0);
  /** float32 once any batch's product ran on the tfjs backend (decides the rank rule). */
  private precision: 'float32' | 'float64' = 'float64';
  private readonly scatterOptions: ScatterOptions;

  /**
   * @param options - How each batch's product is computed (see `centeredScatter`).
   *
   * @throws {@link UnknownOptionError} for an unknown option key.
   */
  constructor(options: ScatterOptions = {}) {
    requireKnownOptions(options, ['engine', 'blockRows'], 'IncrementalPca options');
    this.scatterOptions = options;
  }

  /** Number of rows seen so far. */
  get numSamples(): number {
    return this.count;
  }

  /** @deprecated Use {@link IncrementalPca.numSamples}. */
  get nSamples(): number {
    return this.count;
  }

  /**
   * Adds a batch of rows `[n_b, d]` (n_b ≥ 1; d fixed by the first batch).
   *
   * @returns `this`, for chaining.
   * @throws {@link ShapeError} for empty/ragged batches or a changed feature count.
   * @throws {@link NonFiniteError} if the batch holds NaN/±Infinity.
   */
  partialFit(batch: MatrixInput): this {
    const m = toDenseMatrix(batch, { name: 'batch', checkFinite: false });
    if (this.d === -1) {
      this.d = m.cols;
      this.mean = new Float64Array(m.cols);
      this.scatter = new Float64Array(m.cols * m.cols);
    } else if (m.cols !== this.d)
      throw new ShapeError(
        `batch has ${m.cols} columns, earlier batches had ${this.d}`,
        [null, this.d],
        [m.rows, m.cols],
      );
    const stats = columnStats(m);
    for (const s of stats.mean) if (!Number.isFinite(s)) assertFinite(m.data, 'batch');
    if (scatterArithmetic(m, stats, this.scatterOptions) === 'float32') this.precision = 'float32';
    const sb = centeredScatter(m, stats, this.scatterOptions);
    const d = this.d;
    const nb = m.rows;
    const n = this.count;
    const total = n + nb;
    const delta = new Float64Array(d);
    for (let j = 0; j < d; j++) delta[j] = (stats.mean[j] as number) - (this.mean[j] as number);
    const w = (n * nb) / total;
    const S = this.scatter;
    for (let i = 0; i < d; i++) {
      const di = (delta[i] as number) * w;
      if (di === 0) continue;
      for (let j = 0; j < d; j++)
        S[i * d + j] = (S[i * d + j] as number) + di * (delta[j] as number);
    }
    const act = stats.active;
    const a = act.length;
    for (let p = 0; p < a; p++) {
      const row = (act[p] as number) * d;
      for (let q = 0; q < a; q++) {
        const idx = row + (act[q] as number);
        S[idx] = (S[idx] as number) + (sb[p * a + q] as number);
      }
    }
    for (let j = 0; j < d; j++)
      this.mean[j] = (this.mean[j] as number) + ((delta[j] as number) * nb) / total;
    this.count = total;
    return this;
  }

  /**
   * The PCA of all rows seen so far (the accumulator is left unchanged).
   *
   * @param options - `numComponents` (required) and `whiten` (default false).
   * @throws {@link ShapeError} before any batch; {@link InvalidArgumentError} for a bad k or
   *   fewer than 2 rows.
   * @throws {@link UnknownOptionError} for an unknown option key.
   */
  result(options: {
    numComponents?: number;
    /** @deprecated Use `numComponents`. */
    nComponents?: number;
    whiten?: boolean;
  }): PcaModel {
    requireKnownOptions(
      options,
      ['numComponents', 'nComponents', 'whiten'],
      'IncrementalPca.result options',
    );
    if (this.d === -1) throw new ShapeError('IncrementalPca.result: no batch was added');
    const d = this.d;
    const active: number[] = [];
    for (let j = 0; j < d; j++) if ((this.scatter[j * d + j] as number) > 0) active.push(j);
    const a = active.length;
    const sub = new Float64Array(a * a);
    for (let p = 0; p < a; p++)
      for (let q = 0; q < a; q++)
        sub[p * a + q] = this.scatter[(active[p] as number) * d + (active[q] as number)] as number;
    return modelFromScatter(
      {
        scatter: sub,
        active: Int32Array.from(active),
        mean: this.mean,
        numSamples: this.count,
        numFeatures: d,
      },
      renamedOption<number>(options, 'numComponents', 'nComponents') ?? Number.NaN,
      { whiten: options.whiten ?? false, method: 'incremental', precision: this.precision },
    );
  }
}
