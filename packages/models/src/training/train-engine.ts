import type { Optimizer, OptimizerState, TensorRecord } from '@latentkit/tensor';
import type { Model } from '../model/model.js';
import type { Objective, ObjectiveOptions } from './objective.js';

/** One training batch as `train` hands it to a {@link StepEngine}. */
export interface StepBatch {
  /** The batch values, `size × prod(inputShape)` float32, row-major (after any transform). */
  x: Float32Array;
  /** Class labels (CVAE), one per row. */
  labels: Int32Array | undefined;
  /** Rows in the batch. */
  size: number;
  /**
   * Row indices of the batch into {@link EngineContext.data} when the context has it: `x` is
   * then exactly these rows of `data.x` (uint8 values scaled by 1/255), so an engine that holds
   * the data may read the rows itself and never touch `x` (which `train` gathers only when read).
   */
  rows?: Int32Array;
  /** 0-based global optimizer step (schedules of the objective depend on it). */
  step: number;
  /**
   * Seed of this step's ε: `createRng(epsSeed)` generates the `[size, latentDim]` standard
   * normals of the batch in row order (row r of the batch always gets row r of that draw).
   */
  epsSeed: number;
  /**
   * The batch `train` hands over next (step `step + 1`), when it is known in advance: given
   * with `rows` (no `transform`), except for an epoch's last batch. Training may stop before it
   * (abort, a non-finite value, the end of the run), so an engine may start computing it but must
   * not apply its update until `step` is called with it (the parallel engine computes its
   * gradients while the calling thread handles this step's values).
   */
  next?: StepBatch;
}

/**
 * A VQ-VAE step's quantizer values (see `VqTerms`): batch means of the per-example terms, the
 * batch's code statistics, and what the EMA update did.
 */
export interface VqStepValues {
  /** Codebook term (0 for EMA codebooks and FSQ). */
  codebook: number;
  /** β·commitment term. */
  commitment: number;
  /** Batch perplexity, exp of the code histogram's entropy (nats). */
  perplexity: number;
  /** Fraction of the codes used in the batch. */
  usage: number;
  /** The batch's code histogram, `[numQuantizers·numCodes]`. */
  counts: Float32Array;
  /** Codes restarted by this step's update. */
  restarted: number;
}

/**
 * The batch means `[loss, recon, kl]` (nats per example) a step produced; for a VQ-VAE the
 * array also carries `vq` (an engine that does not set it reports no quantizer values).
 */
export type StepValues = readonly [loss: number, recon: number, kl: number] & {
  /** VQ-VAE only: the quantizer's values of this step. */
  readonly vq?: VqStepValues;
};

/** Parameters and optimizer state as plain data (what a checkpoint holds). */
export interface EngineState {
  /** Parameters by full name. */
  params: Record<string, TensorRecord>;
  /** The optimizer's state (`adam()`'s format for Adam). */
  optimizer: OptimizerState;
}

/**
 * Runs the steps of {@link train}: "compute the loss and gradients of a batch, apply the
 * update". The loop (epochs, shuffling, callbacks, validation, checkpoints, abort) stays in
 * `train`; an engine only decides *where* and *how* a step is computed.
 */
export interface StepEngine {
  /**
   * Computes the batch values and applies one optimizer update — only if all three values are
   * finite (otherwise the parameters and optimizer state stay as they were, and `train` throws
   * `NonFiniteError`).
   */
  step(batch: StepBatch): StepValues | Promise<StepValues>;
  /** The current parameters and optimizer state. */
  exportState(): EngineState | Promise<EngineState>;
  /** Replaces parameters and optimizer state (resuming from a checkpoint). */
  importState(state: EngineState): void | Promise<void>;
  /** Makes `model.store` hold the current parameters (before validation, callbacks, the end). */
  syncModel(): void | Promise<void>;
  /** Frees the engine's resources (threads, memory). Called once, also after an error. */
  dispose(): void | Promise<void>;
}

/** What `train` tells an engine factory. */
export interface EngineContext {
  /** The model being trained (its parameters are the starting point). */
  model: Model;
  /** The validated objective. */
  objective: Objective;
  /** The objective options as given to `train` (plain data). */
  objectiveOptions: ObjectiveOptions | undefined;
  /** The learning rate of the default Adam. */
  learningRate: number;
  /** @deprecated Use `learningRate` (the same value). */
  lr: number;
  /** The optimizer given to `train`, if any (not disposed by the engine). */
  optimizer: Optimizer | undefined;
  /** The run's batch size (the largest `StepBatch.size`). */
  batchSize: number;
  /**
   * The training examples that {@link StepBatch.rows} index: `n` rows of `x`, row-major, of
   * `prod(model.inputShape)` values each (uint8 values are scaled by 1/255 into the batch).
   * Given only when a batch is exactly its rows (no `transform`).
   */
  data?: {
    /** The rows, row-major: `n × prod(model.inputShape)` values. */
    x: Float32Array | Uint8Array;
    /** Number of rows. */
    n: number;
  };
}

/**
 * Creates the {@link StepEngine} of one `train` call. The default, `localEngine`, runs on
 * the calling thread; `createParallelEngine` from `@latentkit/models/node` runs data-parallel worker
 * threads.
 */
export type TrainEngine = (context: EngineContext) => StepEngine | Promise<StepEngine>;
