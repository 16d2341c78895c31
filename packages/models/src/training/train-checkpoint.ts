import type { OptimizerState, TensorRecord } from '@latentkit/tensor';
import type { ResolvedModelConfig } from '../model/model-config.js';
import type { DataFingerprint } from './data-fingerprint.js';
import type { VqEpochTotals } from './vq-report.js';

/** Running sums of one epoch's batch terms (weighted by batch size), for exact resumption. */
export interface EpochTotals {
  /** Examples seen so far in the epoch. */
  count: number;
  /** Σ batchSize·loss. */
  loss: number;
  /** Σ batchSize·recon. */
  recon: number;
  /** Σ batchSize·kl. */
  kl: number;
  /** VQ-VAE only: the quantizer's running sums and code histogram. */
  vq?: VqEpochTotals;
}

/**
 * Everything needed to continue a `train` run exactly where it stopped, as plain data (tensors as
 * {@link TensorRecord}s): parameters, optimizer state and the position in the run. There is no
 * opaque RNG state: every shuffle, every ε, and a VQ-VAE's k-means seeding and dead-code restarts
 * are derived from `(seed, epoch, step)`, so the seed and the counters *are* the random state (a
 * VQ-VAE's codebook and EMA state are parameters, in `params`).
 */
export interface TrainCheckpoint {
  /** Format tag. */
  format: 'latentkit.train-checkpoint';
  /** Format version (1). */
  version: 1;
  /** The model's configuration (for writers that store it as metadata). */
  modelConfig: ResolvedModelConfig;
  /** The run's seed (32-bit). */
  seed: number;
  /** The run's batch size. */
  batchSize: number;
  /**
   * The training data's fingerprint; `train` refuses to resume on data that does not match.
   * Absent in checkpoints written before it existed (those resume unchecked).
   */
  data?: DataFingerprint;
  /** The epoch in progress (0-based), or the next one when `batch` is 0. */
  epoch: number;
  /** Batches of `epoch` already done. */
  batch: number;
  /** Optimizer steps done in the whole run. */
  step: number;
  /** Running sums of the epoch in progress. */
  totals: EpochTotals;
  /** Parameters by full name. */
  params: Record<string, TensorRecord>;
  /** The optimizer's state. */
  optimizer: OptimizerState;
}

/**
 * Where `train` saves and loads checkpoints. Implementations decide the medium: the Node file
 * writer (safetensors, atomic temp file + rename) or {@link createMemoryCheckpointStore}.
 */
export interface CheckpointStore {
  /** Saves a checkpoint (replacing the previous one). May be async. */
  save(state: TrainCheckpoint): void | Promise<void>;
  /** The last saved checkpoint, or `undefined` if there is none. May be async. */
  load(): TrainCheckpoint | undefined | Promise<TrainCheckpoint | undefined>;
}

/**
 * A {@link CheckpointStore} that keeps the last checkpoint in memory (deep-copied on save and
 * load, so later changes to either side do not leak). For tests and in-process pause/resume.
 *
 * @example
 * ```ts
 * import { createMemoryCheckpointStore, train } from '@latentkit/models';
 *
 * const checkpoint = createMemoryCheckpointStore();
 * await train(model, data, { epochs: 5, seed: 1, checkpoint, signal: AbortSignal.timeout(60_000) });
 * await train(model, data, { epochs: 10, seed: 1, checkpoint, resume: true }); // continues
 * checkpoint.saves; // how many checkpoints were written
 * ```
 */
export function createMemoryCheckpointStore(): CheckpointStore & {
  /** Number of saves so far. */
  readonly saves: number;
} {
  let saved: TrainCheckpoint | undefined;
  let saves = 0;
  return {
    get saves() {
      return saves;
    },
    save(state) {
      saved = structuredClone(state);
      saves++;
    },
    load() {
      return saved === undefined ? undefined : structuredClone(saved);
    },
  };
}

/** @deprecated Use {@link createMemoryCheckpointStore} (factories are `createX` across latentkit). */
export const memoryCheckpointStore: typeof createMemoryCheckpointStore =
  createMemoryCheckpointStore;
