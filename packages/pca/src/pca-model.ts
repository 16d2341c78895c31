import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { type DenseMatrix, type MatrixInput, toDenseMatrix } from './dense-matrix.js';
import { type PcaJson, parsePcaJson } from './pca-json.js';
import { makeSpectrum, type Spectrum } from './spectrum.js';

/** How a {@link PcaModel} was fitted. */
export type PcaMethod = 'exact' | 'randomized' | 'incremental';

/** Everything that defines a fitted PCA (the constructor's argument and the JSON payload). */
export interface PcaState extends Spectrum {
  /** Principal axes as rows, `[k, d]` row-major, orthonormal; sign convention applied. */
  components: Float64Array;
  /** Per-feature mean of the training data, `[d]`. */
  mean: Float64Array;
  /** Number of components k. */
  numComponents: number;
  /** Number of features d. */
  numFeatures: number;
  /** Number of training samples N. */
  numSamples: number;
  /** Whether {@link PcaModel.transform} scales each component to unit variance. */
  whiten: boolean;
  /** The algorithm that produced the fit. */
  method: PcaMethod;
}

/** Reconstruction error of a data set through a fitted PCA (see {@link PcaModel.reconstructionError}). */
export interface ReconstructionError {
  /** Mean over samples and features of the squared error `(x − x̂)²`. */
  msePerFeature: number;
  /** Mean over samples of `‖x − x̂‖²` (sum over features). */
  ssePerSample: number;
}

/**
 * A fitted PCA: `z = (x − mean) · componentsᵀ` (divided by `sqrt(explainedVariance)` when
 * whitened) and `x̂ = z · components + mean`. Follows scikit-learn's `PCA` conventions
 * (N − 1 sample covariance, `explainedVarianceRatio`, `noiseVariance`, `singularValues`).
 * Create one with `fitPca`, `IncrementalPca` or {@link PcaModel.fromJSON}.
 *
 * @example
 * ```ts
 * import { fitPca } from '@latentkit/pca';
 *
 * const pca = fitPca(images, { numComponents: 50 }); // images: [n, 784]
 * const z = pca.transform(images); // DenseMatrix [n, 50]
 * const xHat = pca.inverseTransform(z); // DenseMatrix [n, 784]
 * pca.explainedVarianceRatio; // Float64Array(50), descending
 * pca.reconstructionError(images).msePerFeature; // mean squared error per pixel
 * const pca10 = pca.truncate(10); // the first 10 components, no refit
 * ```
 */
export class PcaModel implements PcaState {
  readonly components: Float64Array;
  readonly mean: Float64Array;
  readonly numComponents: number;
  readonly numFeatures: number;
  readonly numSamples: number;
  readonly whiten: boolean;
  readonly method: PcaMethod;
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
  readonly singularValues: Float64Array;
  readonly totalVariance: number;
  readonly noiseVariance: number;

  /** @deprecated Use {@link PcaModel.numComponents} (counts are `numX` across latentkit). */
  get nComponents(): number {
    return this.numComponents;
  }
  /** @deprecated Use {@link PcaModel.numFeatures}. */
  get nFeatures(): number {
    return this.numFeatures;
  }
  /** @deprecated Use {@link PcaModel.numSamples}. */
  get nSamples(): number {
    return this.numSamples;
  }

  /** @param state - A complete, consistent state (not validated; use `fromJSON` for untrusted input). */
  constructor(state: PcaState) {
    this.components = state.components;
    this.mean = state.mean;
    this.numComponents = state.numComponents;
    this.numFeatures = state.numFeatures;
    this.numSamples = state.numSamples;
    this.whiten = state.whiten;
    this.method = state.method;
    this.explainedVariance = state.explainedVariance;
    this.explainedVarianceRatio = state.explainedVarianceRatio;
    this.singularValues = state.singularValues;
    this.totalVariance = state.totalVariance;
    this.noiseVariance = state.noiseVariance;
  }

  /**
   * Projects data onto the components: `[n, d] → [n, k]`.
   * A tensor input gives a float32 tensor (computed on the active tfjs backend; the caller
   * disposes it); any other input gives a float64 {@link DenseMatrix} computed in JavaScript.
   *
   * @throws {@link ShapeError} if the input does not have `d` columns (or is ragged/empty).
   * @throws {@link NonFiniteError} for NaN/±Infinity in a non-tensor input.
   */
  transform(x: tf.Tensor): tf.Tensor2D;
  transform(x: MatrixInput): DenseMatrix;
  transform(x: MatrixInput): tf.Tensor2D | DenseMatrix {
    const { numComponents: k, numFeatures: d } = this;
    if (x instanceof tf.Tensor) {
      this.checkWidth(x.shape[1] ?? -1, d, x.shape);
      const scale = this.whiten ? this.explainedVariance.map((v) => 1 / Math.sqrt(v || 1)) : null;
      return tf.tidy(() => {
        let w = transposed(this.components, k, d); // [d, k]
        if (scale) w = tf.mul(w, tf.tensor1d(Float32Array.from(scale)));
        const centered = tf.sub(x, tf.tensor1d(Float32Array.from(this.mean)));
        return tf.matMul(centered, w) as tf.Tensor2D;
      });
    }
    const m = toDenseMatrix(x, { name: 'x', allowEmpty: true });
    this.checkWidth(m.cols, d, [m.rows, m.cols]);
    const out = new Float64Array(m.rows * k);
    const row = new Float64Array(d);
    const C = this.components;
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < d; j++) row[j] = (m.data[i * d + j] as number) - (this.mean[j] as number);
      for (let c = 0; c < k; c++) {
        let s = 0;
        const o = c * d;
        for (let j = 0; j < d; j++) s += (C[o + j] as number) * (row[j] as number);
        out[i * k + c] = this.whiten ? s / Math.sqrt(this.explainedVariance[c] || 1) : s;
      }
    }
    return { data: out, rows: m.rows, cols: k };
  }

  /**
   * Maps codes back to data space: `[n, k] → [n, d]` (`z · components + mean`, undoing the
   * whitening scale if any). Tensor in → tensor out, otherwise a float64 {@link DenseMatrix}.
   *
   * @throws {@link ShapeError} if the input does not have `k` columns.
   */
  inverseTransform(z: tf.Tensor): tf.Tensor2D;
  inverseTransform(z: MatrixInput): DenseMatrix;
  inverseTransform(z: MatrixInput): tf.Tensor2D | DenseMatrix {
    const { numComponents: k, numFeatures: d } = this;
    const scale = this.explainedVariance.map((v) => (this.whiten ? Math.sqrt(v) : 1));
    if (z instanceof tf.Tensor) {
      this.checkWidth(z.shape[1] ?? -1, k, z.shape);
      return tf.tidy(() => {
        const c = tf.tensor2d(Float32Array.from(this.components), [k, d]);
        const zs = tf.mul(z, tf.tensor1d(Float32Array.from(scale)));
        return tf.add(tf.matMul(zs, c), tf.tensor1d(Float32Array.from(this.mean))) as tf.Tensor2D;
      });
    }
    const m = toDenseMatrix(z, { name: 'z', allowEmpty: true });
    this.checkWidth(m.cols, k, [m.rows, m.cols]);
    const out = new Float64Array(m.rows * d);
    for (let i = 0; i < m.rows; i++) {
      const o = i * d;
      out.set(this.mean, o);
      for (let c = 0; c < k; c++) {
        const zc = (m.data[i * k + c] as number) * (scale[c] as number);
        if (zc === 0) continue;
        const co = c * d;
        for (let j = 0; j < d; j++)
          out[o + j] = (out[o + j] as number) + zc * (this.components[co + j] as number);
      }
    }
    return { data: out, rows: m.rows, cols: d };
  }

  /**
   * Squared reconstruction error of `x` through this model (`x → z → x̂`), in float64:
   * `‖x − x̂‖² = ‖x − mean‖² − ‖(x − mean)·componentsᵀ‖²` (the components are orthonormal).
   *
   * @param x - Data `[n, d]`, n ≥ 1.
   * @throws {@link ShapeError} / {@link NonFiniteError} for bad input.
   */
  reconstructionError(x: MatrixInput): ReconstructionError {
    const m = toDenseMatrix(x, { name: 'x' });
    const d = this.numFeatures;
    this.checkWidth(m.cols, d, [m.rows, m.cols]);
    const k = this.numComponents;
    const C = this.components;
    const row = new Float64Array(d);
    let total = 0;
    for (let i = 0; i < m.rows; i++) {
      let norm = 0;
      for (let j = 0; j < d; j++) {
        const v = (m.data[i * d + j] as number) - (this.mean[j] as number);
        row[j] = v;
        norm += v * v;
      }
      let kept = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const o = c * d;
        for (let j = 0; j < d; j++) s += (C[o + j] as number) * (row[j] as number);
        kept += s * s;
      }
      total += Math.max(0, norm - kept);
    }
    return { msePerFeature: total / (m.rows * d), ssePerSample: total / m.rows };
  }

  /**
   * The same fit keeping only the first `k` components (variance figures and `noiseVariance`
   * recomputed as scikit-learn would for a fit with `numComponents = k`).
   *
   * @throws {@link InvalidArgumentError} unless `1 ≤ k ≤ numComponents`.
   */
  truncate(k: number): PcaModel {
    if (!Number.isInteger(k) || k < 1 || k > this.numComponents)
      throw new InvalidArgumentError(
        'k',
        `must be an integer in [1, ${this.numComponents}], got ${k}`,
      );
    const spectrum = makeSpectrum(
      this.explainedVariance.subarray(0, k),
      this.totalVariance,
      this.numSamples,
      this.numFeatures,
    );
    return new PcaModel({
      ...this,
      ...spectrum,
      components: this.components.slice(0, k * this.numFeatures),
      mean: this.mean,
      numComponents: k,
    });
  }

  /** The components as a `[k, d]` float32 tensor (the caller disposes it). */
  componentsTensor(): tf.Tensor2D {
    return tf.tensor2d(Float32Array.from(this.components), [this.numComponents, this.numFeatures]);
  }

  /** A plain JSON-serializable object (arrays of numbers); read it back with `PcaModel.fromJSON`. */
  toJSON(): PcaJson {
    return {
      format: 'latentkit-pca',
      version: 1,
      method: this.method,
      whiten: this.whiten,
      numComponents: this.numComponents,
      numFeatures: this.numFeatures,
      numSamples: this.numSamples,
      totalVariance: this.totalVariance,
      noiseVariance: this.noiseVariance,
      mean: Array.from(this.mean),
      components: Array.from(this.components),
      explainedVariance: Array.from(this.explainedVariance),
      explainedVarianceRatio: Array.from(this.explainedVarianceRatio),
      singularValues: Array.from(this.singularValues),
    };
  }

  /**
   * Rebuilds a model from {@link PcaModel.toJSON}'s output (or its `JSON.parse`d text),
   * validating every field.
   *
   * @throws {@link InvalidArgumentError} for a wrong format/version/method or a bad scalar.
   * @throws {@link ShapeError} when an array's length does not match the declared sizes.
   * @throws {@link NonFiniteError} when an array holds NaN/±Infinity.
   */
  static fromJSON(json: unknown): PcaModel {
    return new PcaModel(parsePcaJson(json));
  }

  private checkWidth(actual: number, expected: number, shape: readonly number[]): void {
    if (shape.length !== 2 || actual !== expected)
      throw new ShapeError(
        `expected a rank-2 input with ${expected} columns, got shape [${shape.join(', ')}]`,
        [null, expected],
        shape,
      );
  }
}

function transposed(rows: Float64Array, k: number, d: number): tf.Tensor2D {
  const t = new Float32Array(d * k);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) t[j * k + c] = rows[c * d + j] as number;
  return tf.tensor2d(t, [d, k]);
}
