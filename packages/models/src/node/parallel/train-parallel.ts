import { requireKnownOptions } from '@latentkit/core';
import type { Model } from '../../model/model.js';
import type { ModelData } from '../../training/model-data.js';
import { type TrainOptions, type TrainResult, train } from '../../training/train.js';
import { TRAIN_OPTION_KEYS } from '../../training/train-setup.js';
import { createParallelEngine, type ParallelEngineOptions } from './parallel-engine.js';

/** Options of {@link trainParallel}: those of `train` plus the worker count. */
export interface TrainParallelOptions extends Omit<TrainOptions, 'engine'> {
  /** Worker threads. Default: `os.availableParallelism()`. */
  workers?: number;
  /** Adam's β1, β2, ε; see {@link ParallelEngineOptions.adam}. */
  adam?: ParallelEngineOptions['adam'];
}

/**
 * `train(model, data, { ...options, engine: createParallelEngine({ workers, adam }) })`: the one
 * training loop, with each batch split over worker threads (Node only). See `createParallelEngine`
 * for what is computed where, the determinism guarantees and the unsupported options.
 *
 * @param model - The model (its parameters hold the trained values afterwards).
 * @param data - Training data.
 * @param options - `train`'s options plus `workers` and `adam`.
 * @returns As `train`.
 * @throws As `train` and `createParallelEngine`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { trainParallel } from '@latentkit/models/node';
 *
 * // `train` with each batch split over 2 worker threads; the same seed and worker count give the
 * // same numbers, bit for bit (not bit-equal to the single-thread engine's)
 * await trainParallel(model, { x: mnist.train.images }, { epochs: 10, batchSize: 128, seed: 1, workers: 2 });
 * ```
 */
export async function trainParallel(
  model: Model,
  data: ModelData,
  options: TrainParallelOptions,
): Promise<TrainResult> {
  requireKnownOptions(
    options,
    [...TRAIN_OPTION_KEYS.filter((key) => key !== 'engine'), 'workers', 'adam'],
    'trainParallel options',
  );
  const { workers, adam, ...rest } = options;
  return train(model, data, {
    ...rest,
    engine: createParallelEngine({
      ...(workers === undefined ? {} : { workers }),
      ...(adam === undefined ? {} : { adam }),
    }),
  });
}
