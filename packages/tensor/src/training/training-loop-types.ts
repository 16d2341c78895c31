import type { SeedLike } from '@latentkit/core';

/** Where a training run stands: the next batch to run. */
export interface TrainingPosition {
  /** The epoch in progress (0-based). */
  epoch: number;
  /** The first batch of `epoch` still to run (0-based). */
  batch: number;
  /** Steps (batches) done in the whole run, i.e. the 0-based global index of the next step. */
  step: number;
}

/** Running sums of the epoch in progress, weighted by batch size. */
export interface TrainingSums {
  /** Examples (rows) counted so far in the epoch. */
  count: number;
  /** Σ size·values[i] over the epoch's batches so far, one entry per step value. */
  values: number[];
}

/** Where {@link runTrainingLoop} starts: a position, and the running sums carried to it. */
export interface TrainingStart extends TrainingPosition {
  /** Running sums of the batches of `epoch` already done before `batch` (default: none). */
  sums?: TrainingSums;
}

/** One batch, as given to the `step` callback. */
export interface TrainingBatch {
  /**
   * The rows of this batch (indices into `0..numRows−1`), a view of the epoch's order: read it
   * during the step, copy it to keep it.
   */
  indices: Int32Array;
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** 0-based global step of this batch. */
  step: number;
  /** Rows in the batch (`indices.length`). */
  size: number;
  /**
   * The rows of the batch that follows in this epoch (step `step + 1`), if the loop is not
   * stopped first; undefined for an epoch's last batch. A step may use it to start work on the
   * next batch early (the parallel engine computes its gradients while this step's values are
   * checked). A view, like `indices`.
   */
  nextIndices?: Int32Array;
}

/** What `onBatch` receives after each step. */
export interface TrainingBatchReport<V extends ArrayLike<number> = readonly number[]>
  extends TrainingBatch {
  /** The step's values (every one finite: the loop has checked them). */
  values: V;
  /** Wall-clock seconds of the step callback (awaited). */
  seconds: number;
  /** The epoch's running sums, this batch included (live: copy to keep). */
  sums: Readonly<TrainingSums>;
}

/** What `onEpoch` receives after the last batch of each epoch. */
export interface TrainingEpochReport {
  /** 0-based epoch. */
  epoch: number;
  /** Global steps done after this epoch. */
  steps: number;
  /** Batches run by this call in this epoch (fewer than the epoch's batches after a resume). */
  batches: number;
  /** Rows trained by this call in this epoch. */
  examples: number;
  /** Wall-clock seconds of this call's batches of the epoch (steps, hooks and yields). */
  seconds: number;
  /** `batches / seconds` (0 when `seconds` is 0). */
  stepsPerSecond: number;
  /** `examples / seconds` (0 when `seconds` is 0). */
  examplesPerSecond: number;
  /** The epoch's running sums (including those carried from `start`). */
  sums: TrainingSums;
  /** Size-weighted means of the step values over the epoch: `sums.values[i] / max(count, 1)`. */
  means: number[];
}

/** What {@link runTrainingLoop} returns. */
export interface TrainingLoopResult {
  /** Epochs completed by this call. */
  epochs: number;
  /** Global steps done (including those before `start`). */
  steps: number;
  /** Whether `signal` stopped the run (before the batch at `position`). */
  aborted: boolean;
  /** Where the run stands: the next batch to run (after the last epoch: `{ epochs, 0, steps }`). */
  position: TrainingPosition;
  /** The running sums of the epoch at `position` (what a checkpoint taken now carries). */
  sums: TrainingSums;
}

/** Options of {@link runTrainingLoop} and {@link runTrainingLoopSync}. */
export interface TrainingLoopOptions<V extends ArrayLike<number> = readonly number[]> {
  /** Rows of the training data (a non-negative integer). */
  numRows: number;
  /** Rows per step (a positive integer); the last batch of an epoch may be smaller. */
  batchSize: number;
  /** Number of epochs (the run ends after epoch `epochs − 1`); a non-negative integer. */
  epochs: number;
  /** Skip the last incomplete batch of each epoch. Default `false`. */
  dropLast?: boolean;
  /**
   * Seed of the shuffles: epoch e's order is `permutation(numRows, toRng(seed).fork('shuffle')
   * .fork(e))`, so it depends on `(seed, e)` only and a resumed run sees the same orders.
   * Default 0.
   */
  seed?: SeedLike;
  /** Shuffle each epoch. Default `true` (`false`: rows in order 0, 1, …). */
  shuffle?: boolean;
  /**
   * Each epoch's row order, instead of the seeded shuffle (`seed` and `shuffle` are then unused):
   * must return `numRows` row indices. Called once per epoch, before its first batch.
   */
  order?: (epoch: number) => Int32Array;
  /** Checked before every batch: once aborted, the run stops cleanly and reports `aborted`. */
  signal?: AbortSignal;
  /** Where to start (a resumed run). Default: epoch 0, batch 0, step 0, no sums. */
  start?: TrainingStart;
  /**
   * Runs one step on `batch` and returns its values (first the loss; any further terms are
   * summed and averaged alike). When a value is NaN or ±∞ the loop throws `NonFiniteError`, so a
   * step should not apply an update computed from a non-finite loss.
   */
  step: (batch: TrainingBatch) => V | Promise<V>;
  /** Name of the values in the NaN guard's message. Default `'loss'`. */
  valueName?: string;
  /** Detail of the NaN guard's message. Default: the values, comma-separated. */
  describeValues?: (values: V) => string;
  /** Called after every step (awaited by {@link runTrainingLoop}). */
  onBatch?: (report: TrainingBatchReport<V>) => void | Promise<void>;
  /** Called after every epoch, before its sums are reset (awaited by {@link runTrainingLoop}). */
  onEpoch?: (report: TrainingEpochReport) => void | Promise<void>;
}
