import {
  type Model,
  type ModelData,
  type TrainOptions,
  type TrainResult,
  train,
} from '@latentkit/models';

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

/**
 * The shapes this app accepts for the parallel trainer of `@latentkit/models/node`: a
 * `trainParallel` function taking `train`'s arguments plus `workers`, or an engine factory
 * passed to `train` as `engine` (`parallelEngine({ workers })`).
 */
type ParallelEngineFactory = (options: { workers: number }) => unknown;
type ParallelTrainFn = (
  model: Model,
  data: ModelData,
  options: TrainOptions & { workers: number },
) => Promise<TrainResult>;

/**
 * Chooses the trainer: `workers` = 1 → `train` from `@latentkit/models` in the calling thread;
 * `workers` > 1 → data-parallel worker threads from `@latentkit/models/node`: `trainParallel`
 * with `workers`, or else `train` with `engine: parallelEngine({ workers })` (a new engine per
 * run; its threads stop when `train` returns). Both are looked up at run time, so this app builds
 * whichever of them the installed `@latentkit/models` exports.
 *
 * @throws {Error} for workers < 1 or not an integer, or workers > 1 when the installed
 *   `@latentkit/models/node` exports neither `trainParallel` nor `parallelEngine`.
 */
export async function selectTrainer(workers = 1): Promise<Trainer> {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new Error(`--workers must be an integer ≥ 1, got ${workers}`);
  }
  if (workers === 1) return { name: 'train (1 thread)', workers, train };
  const node = (await import('@latentkit/models/node')) as Record<string, unknown>;
  const parallel = node.trainParallel as ParallelTrainFn | undefined;
  const engine = node.parallelEngine as ParallelEngineFactory | undefined;
  if (typeof parallel !== 'function') {
    if (typeof engine === 'function') {
      return {
        name: `train + parallelEngine (${workers} worker threads)`,
        workers,
        train: (model, data, options) =>
          train(model, data, { ...options, engine: engine({ workers }) } as TrainOptions),
      };
    }
    throw new Error(
      `--workers ${workers} needs the parallel trainer (trainParallel or parallelEngine from ` +
        '@latentkit/models/node), which this build of @latentkit/models does not export; use --workers 1',
    );
  }
  return {
    name: `trainParallel (${workers} worker threads)`,
    workers,
    train: (model, data, options) => parallel(model, data, { ...options, workers }),
  };
}
