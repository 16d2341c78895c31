import { renamedOption, requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, type Rng, toRng } from '@latentkit/tensor';
import { checkInt, checkNumber } from '../internal/check.js';
import type { Model } from '../model/model.js';
import { type DataFingerprint, dataFingerprint, fingerprintMismatch } from './data-fingerprint.js';
import { checkModelData, type DataInfo, type ModelData } from './model-data.js';
import { createObjective, type Objective } from './objective.js';
import type { TrainOptions } from './train.js';
import type { EpochTotals, TrainCheckpoint } from './train-checkpoint.js';
import type { StepEngine } from './train-engine.js';

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

/** Where a run stands: what a checkpoint saves besides the parameters and optimizer state. */
export interface RunPosition {
  /** The epoch in progress (0-based). */
  epoch: number;
  /** The first batch of `epoch` still to run (not 0 only right after a resume). */
  batch: number;
  /** Optimizer steps done in the whole run. */
  step: number;
  /** Running sums of the epoch in progress. */
  totals: EpochTotals;
}

/** Everything the parts of one `train` call share. */
export interface TrainRun {
  model: Model;
  data: ModelData;
  options: TrainOptions;
  setup: TrainSetup;
  engine: StepEngine;
  /** Updated as the run goes. */
  position: RunPosition;
}

/** Epoch totals before the first batch. */
export const emptyTotals = (): EpochTotals => ({ count: 0, loss: 0, recon: 0, kl: 0 });

/** A deep copy of epoch totals (the VQ histogram is an array). */
const copyTotals = (t: EpochTotals): EpochTotals =>
  t.vq ? { ...t, vq: { ...t.vq, counts: [...t.vq.counts] } } : { ...t };

/**
 * Saves a checkpoint at `(epoch, batch)` with the run's current step and totals, if the run has
 * a checkpoint store.
 */
export async function saveCheckpoint(run: TrainRun, epoch: number, batch: number): Promise<void> {
  const { options, setup, position } = run;
  if (!options.checkpoint) return;
  const state = await run.engine.exportState();
  const snapshot: TrainCheckpoint = {
    format: 'latentkit.train-checkpoint',
    version: 1,
    modelConfig: run.model.config,
    seed: setup.seed,
    batchSize: setup.batchSize,
    data: setup.fingerprint,
    epoch,
    batch,
    step: position.step,
    totals: copyTotals(position.totals),
    params: state.params,
    optimizer: state.optimizer,
  };
  await options.checkpoint.save(snapshot);
}

/**
 * Continues from the store's checkpoint, if it has one: the engine gets its parameters and
 * optimizer state, the run its position.
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
  Object.assign(run.position, { epoch, batch, step, totals: copyTotals(state.totals) });
}
