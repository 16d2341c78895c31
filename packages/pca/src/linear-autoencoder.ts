import { renamedOption, requireKnownOptions } from '@latentkit/core';
import {
  createAdam,
  createSgd,
  InvalidArgumentError,
  type Optimizer,
  permutation,
  runTrainingLoopSync,
  type SeedLike,
  tf,
  toRng,
  UnknownOptionError,
} from '@latentkit/tensor';
import { columnStats } from './covariance.js';
import { assertFinite, type MatrixInput, toDenseMatrix } from './dense-matrix.js';
import { fitPca } from './fit-pca.js';
import type { PcaModel } from './pca-model.js';
import { principalAngles } from './principal-angles.js';

/** Options of {@link linearAutoencoderAngles}. */
export interface LinearAutoencoderOptions {
  /** Code size k. Required (optional in the type only while `nComponents` is accepted). */
  numComponents?: number;
  /** @deprecated Use `numComponents`. */
  nComponents?: number;
  /** Passes over the data. Default 10. */
  epochs?: number;
  /** Rows per gradient step. Default 256. */
  batchSize?: number;
  /**
   * `'momentum'` (default): SGD with heavy-ball momentum (`createSgd({ momentum })` of
   * @latentkit/tensor: a ← μ·a + g, w ← w − lr·a). `'adam'`: `createAdam` (β = 0.9, 0.999).
   */
  optimizer?: 'momentum' | 'adam';
  /** Momentum coefficient of `'momentum'`. Default 0.9. */
  momentum?: number;
  /**
   * Step size at the start; it decays linearly to 1% of this by the last step.
   * Default 0.04 for `'momentum'`, 1e-2 for `'adam'`.
   */
  learningRate?: number;
  /** Seed of the weight initialization and of the batch order. Default 0. */
  seed?: SeedLike;
  /** PCA of the same data to compare with; fitted (exact) when omitted. */
  pca?: PcaModel;
}

const OPTION_KEYS = [
  'numComponents',
  'nComponents',
  'epochs',
  'batchSize',
  'optimizer',
  'momentum',
  'learningRate',
  'seed',
  'pca',
];

/** Result of {@link linearAutoencoderAngles}. */
export interface LinearAutoencoderResult {
  /** Principal angles between the decoder's row space and the PCA subspace, radians, ascending. */
  angles: Float64Array;
  /** The same in degrees. */
  anglesDegrees: Float64Array;
  /** Encoder weights `[d, k]` row-major (codes are `(x − mean)·encoder`). */
  encoder: Float64Array;
  /** Decoder weights `[k, d]` row-major (reconstructions are `codes·decoder + mean`). */
  decoder: Float64Array;
  /** Mean over rows of `‖x − x̂‖²` after each epoch (training data). */
  epochLosses: number[];
  /** The PCA it was compared with. */
  pca: PcaModel;
}

/**
 * Trains a linear autoencoder `x̂ = ((x − μ)·E)·D + μ` (E: `[d, k]`, D: `[k, d]`, μ the data
 * mean, so no biases are needed) by mini-batch gradient descent (momentum SGD or Adam) on the
 * mean over rows of `‖x − x̂‖²`, using tfjs ops, latentkit's registered gradients, and the
 * training loop (`runTrainingLoopSync`) and optimizers of @latentkit/tensor, and returns the
 * principal angles between the decoder's row space and PCA's top-k subspace of the same data. At
 * the optimum they are 0 (Baldi & Hornik 1989; seeds 000 and 002): the linear AE learns the PCA
 * subspace, though not the PCA basis itself.
 *
 * @param x - Training data `[N, d]`.
 * @param options - See {@link LinearAutoencoderOptions}.
 * @throws {@link InvalidArgumentError} for a bad k, epochs, batch size or learning rate.
 * @throws {@link ShapeError} / {@link NonFiniteError} for bad input; {@link NonFiniteError}
 *   naming the epoch, batch and step when the loss diverges (lower `learningRate`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { linearAutoencoderAngles } from '@latentkit/pca';
 *
 * // x: [n, d] data (e.g. 1000 MNIST images as [1000, 784])
 * const r = linearAutoencoderAngles(x, { numComponents: 10, epochs: 50, seed: 1 });
 * r.anglesDegrees; // Float64Array(10): decoder subspace vs. the top-10 PCA subspace, ascending
 * r.epochLosses; // number[50], the training loss per epoch
 * ```
 */
export function linearAutoencoderAngles(
  x: MatrixInput,
  options: LinearAutoencoderOptions,
): LinearAutoencoderResult {
  requireKnownOptions(options, OPTION_KEYS, 'linearAutoencoderAngles options');
  const m = toDenseMatrix(x, { name: 'x', checkFinite: false });
  const { rows: n, cols: d } = m;
  const k = renamedOption<number>(options, 'numComponents', 'nComponents') ?? Number.NaN;
  const epochs = options.epochs ?? 10;
  const batchSize = Math.min(options.batchSize ?? 256, n);
  const optimizer = options.optimizer ?? 'momentum';
  if (optimizer !== 'momentum' && optimizer !== 'adam')
    throw new UnknownOptionError('optimizer', optimizer, ['momentum', 'adam']);
  const momentum = options.momentum ?? 0.9;
  const lr0 = options.learningRate ?? (optimizer === 'adam' ? 1e-2 : 0.04);
  if (!Number.isInteger(k) || k < 1 || k > d)
    throw new InvalidArgumentError('numComponents', `must be an integer in [1, ${d}], got ${k}`);
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new InvalidArgumentError('epochs', `must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new InvalidArgumentError('batchSize', `must be a positive integer, got ${batchSize}`);
  if (!(lr0 > 0)) throw new InvalidArgumentError('learningRate', `must be > 0, got ${lr0}`);
  const stats = columnStats(m);
  for (const s of stats.mean) if (!Number.isFinite(s)) assertFinite(m.data, 'x');
  const given = options.pca;
  const pca =
    given === undefined
      ? fitPca(m, { numComponents: k, method: 'exact' })
      : given.numComponents > k
        ? given.truncate(k)
        : given;
  const rng = toRng(options.seed ?? 0);
  const initRng = rng.fork('init');
  const orderRng = rng.fork('order');

  const centered = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++)
    centered[i] = (m.data[i] as number) - (stats.mean[i % d] as number);
  const X = tf.tensor2d(centered, [n, d]);
  const init = (rows: number, cols: number, std: number): tf.Variable => {
    const w = new Float32Array(rows * cols);
    for (let i = 0; i < w.length; i++) w[i] = initRng.normal() * std;
    // The variable keeps the data; the initial tensor is freed (it leaked before).
    const initial = tf.tensor2d(w, [rows, cols]);
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const E = init(d, k, 1 / Math.sqrt(d));
  const D = init(k, d, 1 / Math.sqrt(d));
  const params = { [E.name]: E, [D.name]: D };
  const vars = [E, D];
  // Heavy ball (createSgd's momentum without dampening): a ← μ·a + g, w ← w − lr·a.
  const opt: Optimizer =
    optimizer === 'momentum'
      ? createSgd({ learningRate: lr0, momentum })
      : createAdam({ learningRate: lr0, beta1: 0.9, beta2: 0.999 });
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const epochLosses: number[] = [];
  try {
    runTrainingLoopSync<[loss: number]>({
      numRows: n,
      batchSize,
      epochs,
      // One generator advanced epoch after epoch (Fisher–Yates, as this function always drew).
      order: () => permutation(n, orderRng),
      describeValues: ([v]) => `${v}: diverged; lower learningRate`,
      step: ({ indices, step }) => {
        // Decays linearly to 1 % of lr0 at the last step.
        opt.setLearningRate(lr0 * (1 - (0.99 * step) / Math.max(1, totalSteps - 1)));
        const batchLoss = tf.tidy(() => {
          // One-hot-free row gather: indices → tensor, `gather` forward only (no gradient needed).
          const xb = tf.gather(X, tf.tensor1d(indices, 'int32'));
          const { value, grads } = tf.variableGrads(() => {
            const recon = tf.matMul(tf.matMul(xb, E), D);
            return tf.mean(tf.sum(tf.square(tf.sub(xb, recon)), 1));
          }, vars);
          const v = value.dataSync()[0] as number;
          if (Number.isFinite(v)) opt.step(grads, params);
          return v;
        });
        return [batchLoss];
      },
      onEpoch: ({ means }) => {
        epochLosses.push(means[0] as number);
      },
    });
    const encoder = Float64Array.from(E.dataSync());
    const decoder = Float64Array.from(D.dataSync());
    const angles = principalAngles(decoder, pca.components, d);
    return {
      angles,
      anglesDegrees: angles.map((a) => (a * 180) / Math.PI),
      encoder,
      decoder,
      epochLosses,
      pca,
    };
  } finally {
    X.dispose();
    opt.dispose();
    for (const v of vars) v.dispose();
  }
}
