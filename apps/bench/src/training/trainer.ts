import { availableParallelism } from 'node:os';
import {
  type Model,
  type ModelData,
  type TrainOptions,
  type TrainResult,
  train,
} from '@latentkit/models';
import { trainParallel } from '@latentkit/models/node';

/** A training function with the signature of `@latentkit/models`' `train`. */
export type TrainFn = (
  model: Model,
  data: ModelData,
  options: TrainOptions,
) => Promise<TrainResult>;

/** The trainer the training suites use, chosen by `--workers`. */
export interface Trainer {
  /** Shown in the report, e.g. `"train (1 thread)"`. */
  name: string;
  /** Threads it trains with. */
  workers: number;
  train: TrainFn;
}

/** The bench's default `--workers`: every core this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Whether a run can be split over worker threads: `parallelEngine` refuses objectives that
 * depend on batch means of the KL (free bits, capacity annealing) with more than one worker.
 */
function splittable(options: TrainOptions): boolean {
  const o = options.objective;
  return !o || (o.freeBits === undefined && o.capacity === undefined);
}

/**
 * Chooses the trainer: `workers` = 1 → `train` from `@latentkit/models` in the calling thread;
 * `workers` > 1 → `trainParallel` of `@latentkit/models/node` (data-parallel worker threads, one
 * wasm backend each), except for runs whose objective cannot be split over workers, which train
 * in the calling thread.
 *
 * @param workers - Training threads; default {@link defaultWorkers}.
 * @throws {Error} for workers < 1 or not an integer.
 */
export async function selectTrainer(workers = defaultWorkers()): Promise<Trainer> {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new Error(`--workers must be an integer ≥ 1, got ${workers}`);
  }
  if (workers === 1) return { name: 'train (1 thread)', workers, train };
  return {
    name: `trainParallel (${workers} worker threads)`,
    workers,
    train: (model, data, options) =>
      splittable(options)
        ? trainParallel(model, data, { ...options, workers })
        : train(model, data, options),
  };
}
