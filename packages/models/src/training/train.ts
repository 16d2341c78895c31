import { requireKnownOptions } from '@latentkit/core';
import {
  InvalidArgumentError,
  NonFiniteError,
  type Optimizer,
  permutation,
  type SeedLike,
  toRng,
} from '@latentkit/tensor';
import { type ElboEstimate, evaluateElbo } from '../evaluation/evaluate-elbo.js';
import { checkInt, checkNumber } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { dataFingerprint, fingerprintMismatch } from './data-fingerprint.js';
import { checkModelData, gatherLabels, gatherRows, type ModelData } from './model-data.js';
import { createObjective, type ObjectiveOptions } from './objective.js';
import type { CheckpointStore, EpochTotals, TrainCheckpoint } from './train-checkpoint.js';
import { localEngine, type StepEngine, type TrainEngine } from './train-engine.js';
import { addVqTotals, type VqBatchReport, type VqEpochReport, vqEpochReport } from './vq-report.js';

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
  lr?: number;
  /**
   * An optimizer to use instead of the default Adam (not disposed by `train`). The default is
   * `fusedAdam({ lr })`, bit-identical to `adam({ lr })` from @latentkit/tensor and faster.
   */
  optimizer?: Optimizer;
  /**
   * Where the steps run. Default {@link localEngine} (this thread). `parallelEngine()` from
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

const KEYS = [
  'epochs',
  'batchSize',
  'lr',
  'optimizer',
  'engine',
  'seed',
  'objective',
  'shuffle',
  'dropLast',
  'transform',
  'validation',
  'validationBatchSize',
  'onBatch',
  'onEpoch',
  'signal',
  'checkpoint',
  'checkpointEvery',
  'resume',
];

/** A deep copy of epoch totals (the VQ histogram is an array). */
const copyTotals = (t: EpochTotals): EpochTotals =>
  t.vq ? { ...t, vq: { ...t.vq, counts: [...t.vq.counts] } } : { ...t };

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

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
 * ε seeds, callbacks, validation, checkpoints, abort, the NaN guard — is this one.
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
 */
export async function train(
  model: Model,
  data: ModelData,
  options: TrainOptions,
): Promise<TrainResult> {
  requireKnownOptions(options, KEYS, 'train options');
  const epochs = checkInt(options?.epochs, 'epochs', 0);
  const batchSize = checkInt(options.batchSize ?? 128, 'batchSize');
  const every =
    options.checkpointEvery === undefined
      ? 0
      : checkInt(options.checkpointEvery, 'checkpointEvery');
  const objective = createObjective(options.objective, model.kind);
  const info = checkModelData(data, model);
  if (options.validation) checkModelData(options.validation, model, 'validation');
  if (model.config.numClasses === 0) {
    // Labels would be ignored: a user who passes them probably meant a conditional model.
    for (const [name, given] of [
      ['data', data],
      ['validation', options.validation],
    ] as const) {
      if (given?.labels !== undefined) {
        throw new InvalidArgumentError(
          `${name}.labels`,
          `given for a ${model.kind} without classes, which ignores them; drop them, or build a CVAE (kind 'cvae', numClasses) to condition on them`,
        );
      }
    }
  }
  const fingerprint = dataFingerprint(data, info);
  const rng = toRng(options.seed ?? 0);
  const seed = rng.seed;
  const lr = checkNumber(options.lr ?? 1e-3, 'lr', 'nonNegative');
  const { n, rowSize } = info;
  const numBatches = options.dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  if (numBatches === 0) {
    // dropLast with fewer examples than one batch: every epoch would be empty (and report 0).
    throw new InvalidArgumentError(
      'batchSize',
      `${batchSize} is larger than the ${n} training examples, and dropLast drops the only (partial) batch`,
    );
  }
  const conditional = model.config.numClasses > 0;

  let epoch = 0;
  let firstBatch = 0;
  let step = 0;
  let totals: EpochTotals = { count: 0, loss: 0, recon: 0, kl: 0 };
  const engine: StepEngine = await (options.engine ?? localEngine)({
    model,
    objective,
    objectiveOptions: options.objective,
    lr,
    optimizer: options.optimizer,
    batchSize,
  });
  const save = async (e: number, b: number): Promise<void> => {
    if (!options.checkpoint) return;
    const state = await engine.exportState();
    const snapshot: TrainCheckpoint = {
      format: 'latentkit.train-checkpoint',
      version: 1,
      modelConfig: model.config,
      seed,
      batchSize,
      data: fingerprint,
      epoch: e,
      batch: b,
      step,
      totals: copyTotals(totals),
      params: state.params,
      optimizer: state.optimizer,
    };
    await options.checkpoint.save(snapshot);
  };

  try {
    if (options.resume && options.checkpoint) {
      const state = await options.checkpoint.load();
      if (state) {
        if (state.seed !== seed || state.batchSize !== batchSize) {
          throw new InvalidArgumentError(
            'checkpoint',
            `was made with seed ${state.seed} and batch size ${state.batchSize}; this run has ${seed} and ${batchSize}`,
          );
        }
        const mismatch = state.data && fingerprintMismatch(state.data, fingerprint);
        if (mismatch) {
          throw new InvalidArgumentError(
            'checkpoint',
            `was made on ${mismatch}; resume on the data it was made on, or start a new run (resume: false)`,
          );
        }
        await engine.importState({ params: state.params, optimizer: state.optimizer });
        ({ epoch, batch: firstBatch, step } = state);
        totals = copyTotals(state.totals);
      }
    }
    const result: TrainResult = { epochs: [], steps: step, aborted: false };
    for (; epoch < epochs; epoch++, firstBatch = 0) {
      const order =
        options.shuffle === false
          ? Int32Array.from({ length: n }, (_, i) => i)
          : permutation(n, rng.fork('shuffle').fork(epoch));
      const t0 = performance.now();
      let trained = 0;
      for (let b = firstBatch; b < numBatches; b++) {
        if (options.signal?.aborted) {
          await save(epoch, b);
          result.aborted = true;
          result.steps = step;
          return result;
        }
        const indices = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, n));
        const size = indices.length;
        let xs = gatherRows(data.x, rowSize, indices);
        if (options.transform) {
          xs = options.transform(xs, { epoch, batch: b, step, indices });
          if (!(xs instanceof Float32Array) || xs.length !== size * rowSize) {
            throw new InvalidArgumentError(
              'transform',
              `must return a Float32Array of ${size * rowSize} values`,
            );
          }
        }
        const labels = conditional ? gatherLabels(data.labels, indices) : undefined;
        const s = step;
        const values = await engine.step({
          x: xs,
          labels,
          size,
          step: s,
          epsSeed: rng.fork('eps').fork(s).seed,
        });
        if (!values.every(Number.isFinite)) {
          throw new NonFiniteError(
            `loss at epoch ${epoch}, batch ${b}, step ${s}`,
            `loss ${values[0]}, recon ${values[1]}, kl ${values[2]}`,
          );
        }
        const [loss, recon, kl] = values;
        totals.count += size;
        totals.loss += size * loss;
        totals.recon += size * recon;
        totals.kl += size * kl;
        const vq = values.vq;
        if (vq) totals.vq = addVqTotals(totals.vq, vq, size);
        trained += size;
        step++;
        options.onBatch?.({
          epoch,
          batch: b,
          step: s,
          size,
          loss,
          recon,
          kl,
          klWeight: objective.klWeight(s),
          capacity: objective.capacity(s),
          ...(vq && {
            vq: {
              codebook: vq.codebook,
              commitment: vq.commitment,
              perplexity: vq.perplexity,
              usage: vq.usage,
              restarted: vq.restarted,
            },
          }),
        });
        if (every > 0 && step % every === 0) await save(epoch, b + 1);
        await yieldToEventLoop();
      }
      const seconds = (performance.now() - t0) / 1000;
      const count = Math.max(totals.count, 1);
      const report: EpochReport = {
        epoch,
        steps: step,
        loss: totals.loss / count,
        recon: totals.recon / count,
        kl: totals.kl / count,
        seconds,
        samplesPerSecond: seconds > 0 ? trained / seconds : 0,
      };
      if (totals.vq && model.vq) {
        report.vq = vqEpochReport(totals.vq, totals.count, model.vq.numQuantizers);
      }
      await engine.syncModel();
      if (options.validation) {
        report.validation = evaluateElbo(model, options.validation, {
          batchSize: options.validationBatchSize ?? 500,
          seed: rng.fork('validation'),
        });
      }
      totals = { count: 0, loss: 0, recon: 0, kl: 0 };
      result.epochs.push(report);
      result.steps = step;
      await options.onEpoch?.(report);
      await save(epoch + 1, 0);
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
