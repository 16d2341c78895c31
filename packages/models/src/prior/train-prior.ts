import { renamedOption, requireKnownOptions } from '@latentkit/core';
import {
  categoricalCrossEntropy,
  createAdam,
  type Optimizer,
  runTrainingLoop,
  type SeedLike,
  tf,
  toRng,
  valueAndParamGrads,
} from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import { type CodeGrids, readCodeGrids } from './code-grids.js';
import type { PixelCnnPrior } from './pixel-cnn-prior.js';
import { type PriorNll, priorNll } from './prior-nll.js';

/** What `onBatch` receives after each optimizer step. */
export interface PriorBatchReport {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** 0-based global optimizer step of this batch. */
  step: number;
  /** Grids in the batch. */
  size: number;
  /** The batch's mean NLL per code, in nats (the minimized loss). */
  nats: number;
  /** The same in bits. */
  bits: number;
}

/** What `onEpoch` receives, and what {@link TrainPriorResult} lists per epoch. */
export interface PriorEpochReport {
  /** 0-based epoch. */
  epoch: number;
  /** Global steps done after this epoch. */
  steps: number;
  /** Mean over the epoch's codes of the batch NLLs (parameters changing along), nats per code. */
  nats: number;
  /** The same in bits per code. */
  bits: number;
  /** Wall-clock seconds of the epoch's training steps. */
  seconds: number;
  /** Optimizer steps per second over `seconds`. */
  stepsPerSecond: number;
  /** {@link priorNll} of the `validation` grids after the epoch, if given. */
  validation?: PriorNll;
}

/** Options of {@link trainPrior}. */
export interface TrainPriorOptions {
  /** Number of epochs. */
  epochs: number;
  /** Grids per step. Default 64. */
  batchSize?: number;
  /** Adam's learning rate (ignored when `optimizer` is given). Default 1e-3. */
  learningRate?: number;
  /** @deprecated Use `learningRate` (rates are spelled out across latentkit). */
  lr?: number;
  /**
   * An optimizer to use instead of the default (not disposed by `trainPrior`), e.g. `createAdam()`
   * or `createSgd()` from @latentkit/tensor. Default: `createAdam({ learningRate })` from
   * @latentkit/tensor.
   */
  optimizer?: Optimizer;
  /** Seed of the shuffles: epoch e's order is `permutation(n, fork('shuffle').fork(e))`. Default 0. */
  seed?: SeedLike;
  /** Shuffle each epoch. Default `true`. */
  shuffle?: boolean;
  /** Grids scored with {@link priorNll} after each epoch. */
  validation?: CodeGrids;
  /** Called after every step. */
  onBatch?: (report: PriorBatchReport) => void;
  /** Called after every epoch (awaited). */
  onEpoch?: (report: PriorEpochReport) => void | Promise<void>;
  /** Stops the run cleanly before the next batch. */
  signal?: AbortSignal;
}

/** What {@link trainPrior} returns. */
export interface TrainPriorResult {
  /** One report per completed epoch. */
  epochs: PriorEpochReport[];
  /** Optimizer steps done. */
  steps: number;
  /** Whether `signal` stopped the run. */
  aborted: boolean;
}

const KEYS = [
  'epochs',
  'batchSize',
  'learningRate',
  'lr',
  'optimizer',
  'seed',
  'shuffle',
  'validation',
  'onBatch',
  'onEpoch',
  'signal',
];

/**
 * Trains a PixelCNN prior by maximum likelihood on code grids (e.g. a trained VQ-VAE's codes of
 * its training set): each step minimizes the batch's mean cross-entropy per code,
 * −(1/(b·H·W)) Σ log p(cᵢ | c₍<ᵢ₎), in nats, with Adam (or `optimizer`). Every step runs in
 * `tf.tidy`; only the parameters (and the optimizer's state) outlive it.
 *
 * Reproducibility: the order of epoch e is `permutation(n, toRng(seed).fork('shuffle').fork(e))`;
 * with the same initial parameters, seed and backend, two runs are identical.
 *
 * @param prior - The prior (its parameters are updated in place).
 * @param codes - Training grids `[n, H, W]` (see {@link CodeGrids}).
 * @param options - See {@link TrainPriorOptions}.
 * @returns Per-epoch reports (NLL in nats and bits per code), the step count, whether aborted.
 * @throws {@link NonFiniteError} naming the epoch, batch and step when the loss is NaN or ±∞ (the
 *   parameters are left as they were before that step).
 * @throws {@link ShapeError} / {@link InvalidArgumentError} for bad grids or options;
 *   {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createPixelCnnPrior, encodeCodes, trainPrior } from '@latentkit/models';
 *
 * const { indices } = encodeCodes(vqvae, { x: mnist.train.images }); // [n · 7 · 7] code grids
 * const prior = createPixelCnnPrior({ height: 7, width: 7, numCodes: 128 }, { seed: 1 });
 * const { epochs } = await trainPrior(prior, indices, { epochs: 10, batchSize: 64, seed: 1 });
 * // epochs[i].loss: nats per code
 * ```
 */
export async function trainPrior(
  prior: PixelCnnPrior,
  codes: CodeGrids,
  options: TrainPriorOptions,
): Promise<TrainPriorResult> {
  requireKnownOptions(options, KEYS, 'trainPrior options');
  const epochs = checkInt(options?.epochs, 'epochs', 0);
  const batchSize = checkInt(options.batchSize ?? 64, 'batchSize');
  const lr = checkNumber(
    renamedOption<number>(options, 'learningRate', 'lr', 'trainPrior options') ?? 1e-3,
    'learningRate',
    'nonNegative',
  );
  const { height, width } = prior.config;
  const size = height * width;
  const { data, n } = readCodeGrids(codes, prior.config);
  if (options.validation !== undefined)
    readCodeGrids(options.validation, prior.config, 'validation');
  const rng = toRng(options.seed ?? 0);
  const optimizer = options.optimizer ?? createAdam({ learningRate: lr });
  const store = prior.store;
  const batch = new Int32Array(batchSize * size);
  const epochReports: PriorEpochReport[] = [];
  try {
    // The loop (from @latentkit/tensor) runs the epochs, shuffles, abort and NaN guard; each step
    // here is one Adam step on the batch's mean NLL per code, in `tf.tidy`.
    const loop = await runTrainingLoop<[nats: number]>({
      numRows: n,
      batchSize,
      epochs,
      seed: rng,
      shuffle: options.shuffle !== false,
      signal: options.signal,
      valueName: 'prior loss',
      describeValues: ([nats]) => `${nats}`,
      step: ({ indices, size: count }) => {
        for (let r = 0; r < count; r++) {
          const src = indices[r]! * size;
          batch.set(data.subarray(src, src + size), r * size);
        }
        const nats = tf.tidy(() => {
          const labels = tf.tensor(
            batch.subarray(0, count * size),
            [count, height, width],
            'int32',
          );
          const { value, grads } = valueAndParamGrads(store, () => {
            const perGrid = categoricalCrossEntropy(prior.logits(labels), labels);
            return tf.div(perGrid, size) as tf.Scalar;
          });
          const v = value.dataSync()[0]!;
          if (Number.isFinite(v)) optimizer.step(grads, store);
          return v;
        });
        return [nats];
      },
      onBatch: ({ epoch, batch: b, step, size: count, values: [nats] }) =>
        options.onBatch?.({ epoch, batch: b, step, size: count, nats, bits: nats / Math.LN2 }),
      onEpoch: async ({ epoch, steps, seconds, stepsPerSecond, means: [nats = 0] }) => {
        const report: PriorEpochReport = {
          epoch,
          steps,
          nats,
          bits: nats / Math.LN2,
          seconds,
          stepsPerSecond,
        };
        if (options.validation !== undefined) {
          report.validation = priorNll(prior, options.validation);
        }
        epochReports.push(report);
        await options.onEpoch?.(report);
      },
    });
    return { epochs: epochReports, steps: loop.steps, aborted: loop.aborted };
  } finally {
    if (!options.optimizer) optimizer.dispose();
  }
}
