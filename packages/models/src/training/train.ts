import { type Optimizer, runTrainingLoop, type SeedLike } from '@latentkit/tensor';
import type { ElboEstimate } from '../evaluation/evaluate-elbo.js';
import type { Model } from '../model/model.js';
import { localEngine } from './local-engine.js';
import type { ModelData } from './model-data.js';
import type { ObjectiveOptions } from './objective.js';
import type { CheckpointStore } from './train-checkpoint.js';
import type { StepEngine, StepValues, TrainEngine } from './train-engine.js';
import { afterBatch, finishEpoch, trainStep } from './train-epoch.js';
import {
  emptyTotals,
  resolveTrainSetup,
  resumeFromCheckpoint,
  saveCheckpoint,
  type TrainRun,
  totalsToSums,
} from './train-setup.js';
import type { VqBatchReport, VqEpochReport } from './vq-report.js';

/** Where a batch sits in the run, given to {@link BatchTransform} and callbacks. */
export interface BatchPosition {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** 0-based global optimizer step of this batch. */
  step: number;
}

/**
 * A hook that rewrites each training batch's values before the step, e.g. dynamic binarization:
 * `(x, { epoch, indices }) => Float32Array.from(dynamicBinarize(x, { seed, epoch, rowSize: 784,
 * rowIds: indices }))`. It gets the batch `[size × rowSize]` (already scaled to floats) and must
 * return an array of the same length; it should derive any randomness from its arguments (not
 * from mutable state) so that resuming stays exact.
 */
export type BatchTransform = (
  x: Float32Array,
  info: BatchPosition & { indices: Int32Array },
) => Float32Array;

/** What `onBatch` receives after each optimizer step (batch means, nats per example). */
export interface BatchReport extends BatchPosition {
  /** Examples in the batch. */
  size: number;
  /** The objective that was minimized. */
  loss: number;
  /** Mean reconstruction NLL. */
  recon: number;
  /** Mean closed-form KL (unweighted; 0 for an AE). */
  kl: number;
  /** Weight of the KL term at this step (w·β). */
  klWeight: number;
  /** Capacity target C at this step (capacity annealing only). */
  capacity: number | undefined;
  /** VQ-VAE only: the quantizer's terms, perplexity, usage and restarts of this batch. */
  vq?: VqBatchReport;
}

/** What `onEpoch` receives, and what {@link TrainResult} lists per epoch. */
export interface EpochReport {
  /** 0-based epoch. */
  epoch: number;
  /** Global steps done after this epoch. */
  steps: number;
  /** The objective, nats per example: mean over the epoch's examples of the batch values. */
  loss: number;
  /** Reconstruction term −log p(x|z), nats per example, mean over the epoch. */
  recon: number;
  /** Closed-form KL (unweighted), nats per example, mean over the epoch; 0 for an AE or VQ-VAE. */
  kl: number;
  /** Wall-clock seconds of the epoch's training steps (of the resumed part after a resume). */
  seconds: number;
  /** Training examples per second over `seconds`. */
  samplesPerSecond: number;
  /** Validation negative ELBO and terms, if `validation` was given. */
  validation?: ElboEstimate;
  /** VQ-VAE only: the quantizer's terms, codebook perplexity and usage over the epoch. */
  vq?: VqEpochReport;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Number of epochs (the run ends after epoch `epochs − 1`). */
  epochs: number;
  /** Examples per step. Default 128. */
  batchSize?: number;
  /** Adam's learning rate (ignored when `optimizer` is given). Default 1e-3. */
  learningRate?: number;
  /** @deprecated Use `learningRate` (rates are spelled out across latentkit). */
  lr?: number;
  /**
   * An optimizer to use instead of the default Adam (not disposed by `train`). The default is
   * `createAdam({ learningRate })` from @latentkit/tensor.
   */
  optimizer?: Optimizer;
  /**
   * Where the steps run. Default {@link localEngine} (this thread). `createParallelEngine()` from
   * `@latentkit/models/node` splits each batch over worker threads.
   */
  engine?: TrainEngine;
  /** Seed of the run: shuffles, ε, validation ε. Default 0. */
  seed?: SeedLike;
  /** The loss; see {@link ObjectiveOptions}. Default: recon + KL (recon for an AE). */
  objective?: ObjectiveOptions;
  /** Shuffle each epoch (seeded by `(seed, epoch)`). Default `true`. */
  shuffle?: boolean;
  /** Skip the last incomplete batch of each epoch. Default `false`. */
  dropLast?: boolean;
  /** See {@link BatchTransform}. */
  transform?: BatchTransform;
  /** Data evaluated (negative ELBO) after each epoch. */
  validation?: ModelData;
  /** Batch size of the validation pass. Default 500. */
  validationBatchSize?: number;
  /** Called after every step. */
  onBatch?: (report: BatchReport) => void;
  /** Called after every epoch (awaited). */
  onEpoch?: (report: EpochReport) => void | Promise<void>;
  /** Stops the run cleanly before the next batch (saving a checkpoint if `checkpoint` is set). */
  signal?: AbortSignal;
  /** Saves after each epoch, every `checkpointEvery` steps, and on abort. */
  checkpoint?: CheckpointStore;
  /** Also save every this many steps. Default: only at epoch ends and on abort. */
  checkpointEvery?: number;
  /** Continue from `checkpoint.load()` when it has a checkpoint. Default `false`. */
  resume?: boolean;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** One report per epoch completed in this call. */
  epochs: EpochReport[];
  /** Global steps done (including those before a resume). */
  steps: number;
  /** Whether `signal` stopped the run. */
  aborted: boolean;
}

/**
 * Trains any model from `createModel` (AE, VAE, β-VAE, CVAE, VQ-VAE) with one loop: seeded
 * shuffling, one reparameterized sample per example, the {@link ObjectiveOptions} loss, Adam (or
 * the given optimizer), callbacks, validation, abort and checkpoints. A VQ-VAE's codebook is
 * initialized (k-means) and updated (EMA, restarts) by the engine around the optimizer step (see
 * {@link localEngine}); its reports carry perplexity and codebook usage.
 *
 * Reproducibility: epoch e's order is `permutation(n, fork('shuffle').fork(e))` and step s's ε
 * comes from `fork('eps').fork(s)` of the seed's generator, so a run resumed from a checkpoint
 * gives bit-identical losses and parameters to an uninterrupted one (same backend).
 *
 * Each step is run by the `engine` (default {@link localEngine}: this thread, every step inside
 * `tf.tidy`, so only the parameters outlive a step). Whatever the engine, the loop — order,
 * ε seeds, callbacks, validation, checkpoints, abort, the NaN guard — is this one: `runTrainingLoop`
 * of @latentkit/tensor (which `trainPrior` also runs on), with `train`'s step and hooks.
 *
 * @param model - The model (its parameters are updated in place).
 * @param data - Training data (see {@link ModelData}).
 * @param options - See {@link TrainOptions}.
 * @returns Per-epoch reports and the step count.
 * @throws {@link NonFiniteError} naming the epoch, batch and step when the loss is NaN or ±∞
 *   (the parameters are left as they were before that step).
 * @throws As `checkModelData` for bad data; {@link UnknownOptionError} /
 *   {@link InvalidArgumentError} for bad options, a `batchSize` larger than the data with
 *   `dropLast` (no batch at all), or a checkpoint made with another seed or batch size or on
 *   other data (its `DataFingerprint`: size, element type, labels, hash of sampled rows), or
 *   labels given to a model without classes (they would be ignored).
 *
 * @example
 * ```ts
 * import { createModel, train } from '@latentkit/models';
 * import { loadMnistSync } from '@latentkit/datasets/node';
 *
 * const mnist = loadMnistSync();
 * const model = createModel({ kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } }, { seed: 1 });
 * const { epochs } = await train(model, { x: mnist.train.images }, {
 *   epochs: 10, batchSize: 128, learningRate: 1e-3, seed: 1,
 *   onEpoch: (e) => console.log(e.epoch, e.loss), // nats per image (−ELBO)
 * });
 * ```
 */
export async function train(
  model: Model,
  data: ModelData,
  options: TrainOptions,
): Promise<TrainResult> {
  const setup = resolveTrainSetup(model, data, options);
  const engine: StepEngine = await (options.engine ?? localEngine)({
    model,
    objective: setup.objective,
    objectiveOptions: options.objective,
    learningRate: setup.lr,
    lr: setup.lr,
    optimizer: options.optimizer,
    batchSize: setup.batchSize,
    ...(!options.transform && { data: { x: data.x, n: setup.info.n } }),
  });
  const start = { epoch: 0, batch: 0, step: 0, totals: emptyTotals() };
  const run: TrainRun = { model, data, options, setup, engine, start };
  try {
    if (options.resume && options.checkpoint) await resumeFromCheckpoint(run);
    const result: TrainResult = { epochs: [], steps: run.start.step, aborted: false };
    const { totals, ...position } = run.start;
    const loop = await runTrainingLoop<StepValues>({
      numRows: setup.info.n,
      batchSize: setup.batchSize,
      epochs: setup.epochs,
      dropLast: options.dropLast === true,
      seed: setup.rng,
      shuffle: options.shuffle !== false,
      signal: options.signal,
      start: { ...position, sums: totalsToSums(totals) },
      step: (batch) => trainStep(run, batch),
      describeValues: (v) => `loss ${v[0]}, recon ${v[1]}, kl ${v[2]}`,
      onBatch: (report) => afterBatch(run, report),
      onEpoch: (report) => finishEpoch(run, report, result),
    });
    result.steps = loop.steps;
    if (loop.aborted) {
      // Saved at the batch the run stopped before, so that a resume runs it first.
      await saveCheckpoint(run, loop.position, loop.sums);
      result.aborted = true;
    }
    return result;
  } finally {
    try {
      await engine.syncModel();
    } finally {
      await engine.dispose();
    }
  }
}
