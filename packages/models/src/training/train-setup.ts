import { renamedOption, requireKnownOptions } from '@latentkit/core';
import {
  InvalidArgumentError,
  type Rng,
  type TrainingPosition,
  type TrainingSums,
  toRng,
} from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { type DataFingerprint, dataFingerprint, fingerprintMismatch } from './data-fingerprint.js';
import { checkModelData, type DataInfo, type ModelData } from './model-data.js';
import { createObjective, type Objective } from './objective.js';
import type { TrainOptions } from './train.js';
import type { EpochTotals, TrainCheckpoint } from './train-checkpoint.js';
import type { StepEngine } from './train-engine.js';
import type { VqEpochTotals } from './vq-report.js';

// Internal to `train`: its options resolved and checked, the state of a run in progress, and the
// checkpoint it saves and resumes from.

/** Every key of `train`'s options (`trainParallel` checks them too, less `engine`). */
export const TRAIN_OPTION_KEYS: readonly string[] = [
  'epochs',
  'batchSize',
  'learningRate',
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

/** The checked settings of one `train` call, derived from its arguments. */
export interface TrainSetup {
  /** Epochs of the run. */
  epochs: number;
  /** Examples per step. */
  batchSize: number;
  /** Save every this many steps (0: only at epoch ends and on abort). */
  every: number;
  /** The validated objective. */
  objective: Objective;
  /** The training data's size. */
  info: DataInfo;
  /** The training data's fingerprint (stored in checkpoints, compared on resume). */
  fingerprint: DataFingerprint;
  /** The run's generator: shuffles, ε, validation ε. */
  rng: Rng;
  /** The run's seed (32-bit). */
  seed: number;
  /** Learning rate of the default Adam. */
  lr: number;
  /** Batches per epoch. */
  numBatches: number;
  /** Whether the model is conditional (batches carry labels). */
  conditional: boolean;
}

/**
 * Checks `train`'s arguments, in the order `train` documents its errors, and derives its
 * settings.
 *
 * @throws As `train`: unknown or bad options, bad data, labels for a model without
 *   classes, a `batchSize` larger than the data with `dropLast`.
 */
export function resolveTrainSetup(
  model: Model,
  data: ModelData,
  options: TrainOptions,
): TrainSetup {
  requireKnownOptions(options, TRAIN_OPTION_KEYS, 'train options');
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
  const lr = checkNumber(
    renamedOption<number>(options, 'learningRate', 'lr', 'train options') ?? 1e-3,
    'learningRate',
    'nonNegative',
  );
  const { n } = info;
  const numBatches = options.dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  if (numBatches === 0) {
    // dropLast with fewer examples than one batch: every epoch would be empty (and report 0).
    throw new InvalidArgumentError(
      'batchSize',
      `${batchSize} is larger than the ${n} training examples, and dropLast drops the only (partial) batch`,
    );
  }
  const conditional = model.config.numClasses > 0;
  return {
    epochs,
    batchSize,
    every,
    objective,
    info,
    fingerprint,
    rng,
    seed,
    lr,
    numBatches,
    conditional,
  };
}

/** Everything the parts of one `train` call share. */
export interface TrainRun {
  model: Model;
  data: ModelData;
  options: TrainOptions;
  setup: TrainSetup;
  engine: StepEngine;
  /**
   * Where the run starts: (0, 0, 0) with empty totals, or the checkpoint's position and totals
   * after {@link resumeFromCheckpoint}. The loop carries the position and the loss/recon/KL sums
   * from there; the VQ sums are {@link TrainRun.vq}.
   */
  start: TrainingPosition & { totals: EpochTotals };
  /** VQ-VAE only: the quantizer's running sums of the epoch in progress. */
  vq?: VqEpochTotals;
}

/** Epoch totals before the first batch. */
export const emptyTotals = (): EpochTotals => ({ count: 0, loss: 0, recon: 0, kl: 0 });

/** A deep copy of a VQ-VAE's epoch sums (the code histogram is an array). */
const copyVq = (vq: VqEpochTotals): VqEpochTotals => ({ ...vq, counts: [...vq.counts] });

/** A deep copy of epoch totals. */
const copyTotals = (t: EpochTotals): EpochTotals => (t.vq ? { ...t, vq: copyVq(t.vq) } : { ...t });

/** The loop's running sums (loss, recon, KL) of epoch totals. */
export const totalsToSums = (t: EpochTotals): TrainingSums => ({
  count: t.count,
  values: [t.loss, t.recon, t.kl],
});

/**
 * Saves a checkpoint at `at` (the next batch to run) with the loop's running `sums` and the
 * run's VQ sums, if the run has a checkpoint store.
 */
export async function saveCheckpoint(
  run: TrainRun,
  at: TrainingPosition,
  sums: Readonly<TrainingSums>,
): Promise<void> {
  const { options, setup } = run;
  if (!options.checkpoint) return;
  const state = await run.engine.exportState();
  const totals: EpochTotals = {
    count: sums.count,
    loss: sums.values[0] ?? 0,
    recon: sums.values[1] ?? 0,
    kl: sums.values[2] ?? 0,
  };
  if (run.vq) totals.vq = copyVq(run.vq);
  const snapshot: TrainCheckpoint = {
    format: 'latentkit.train-checkpoint',
    version: 1,
    modelConfig: run.model.config,
    seed: setup.seed,
    batchSize: setup.batchSize,
    data: setup.fingerprint,
    epoch: at.epoch,
    batch: at.batch,
    step: at.step,
    totals,
    params: state.params,
    optimizer: state.optimizer,
  };
  await options.checkpoint.save(snapshot);
}

/**
 * Continues from the store's checkpoint, if it has one: the engine gets its parameters and
 * optimizer state, the run its start position and totals.
 *
 * @throws {@link InvalidArgumentError} for a checkpoint made with another seed or batch size or
 *   on other data.
 */
export async function resumeFromCheckpoint(run: TrainRun): Promise<void> {
  const { setup } = run;
  const state = await run.options.checkpoint?.load();
  if (!state) return;
  if (state.seed !== setup.seed || state.batchSize !== setup.batchSize) {
    throw new InvalidArgumentError(
      'checkpoint',
      `was made with seed ${state.seed} and batch size ${state.batchSize}; this run has ${setup.seed} and ${setup.batchSize}`,
    );
  }
  const mismatch = state.data && fingerprintMismatch(state.data, setup.fingerprint);
  if (mismatch) {
    throw new InvalidArgumentError(
      'checkpoint',
      `was made on ${mismatch}; resume on the data it was made on, or start a new run (resume: false)`,
    );
  }
  await run.engine.importState({ params: state.params, optimizer: state.optimizer });
  const { epoch, batch, step } = state;
  const totals = copyTotals(state.totals);
  run.start = { epoch, batch, step, totals };
  if (totals.vq) run.vq = totals.vq;
}
