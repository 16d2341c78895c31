import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { TRAINING_LOOP_KEYS, trainingLoopCore, YIELD_TO_EVENT_LOOP } from './training-loop-core.js';
import type { TrainingLoopOptions, TrainingLoopResult } from './training-loop-types.js';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/**
 * {@link runTrainingLoop} for synchronous steps and hooks: the same loop (one implementation:
 * same order, sums, guard, reports and resumption), run to the end without yielding to the event
 * loop. `signal` is still checked before every batch (a step or hook may abort it).
 *
 * @param options - See {@link TrainingLoopOptions}; `step`, `onBatch` and `onEpoch` must not
 *   return promises.
 * @returns As {@link runTrainingLoop}.
 * @throws As {@link runTrainingLoop}, and {@link InvalidArgumentError} when `step` or a hook
 *   returns a promise (use {@link runTrainingLoop}).
 *
 * @example
 * ```ts
 * import { runTrainingLoopSync } from '@latentkit/tensor';
 *
 * const result = runTrainingLoopSync({
 *   numRows: 1000, batchSize: 100, epochs: 5, seed: 1,
 *   step: ({ indices }) => [trainOn(indices)], // one loss value per batch
 *   onEpoch: ({ epoch, means }) => console.log(epoch, means[0]), // the epoch's mean loss
 * });
 * result.steps; // → 50
 * ```
 */
export function runTrainingLoopSync<V extends ArrayLike<number>>(
  options: TrainingLoopOptions<V>,
): TrainingLoopResult {
  requireKnownOptions(options, TRAINING_LOOP_KEYS, 'runTrainingLoopSync options');
  const loop = trainingLoopCore(options);
  let next = loop.next();
  while (!next.done) {
    const value = next.value;
    if (isThenable(value)) {
      // Do not leave a rejection unhandled: the caller gets the error below instead.
      value.then(undefined, () => {});
      throw new InvalidArgumentError(
        'step',
        'or a hook returned a promise; runTrainingLoopSync needs synchronous callbacks (use runTrainingLoop)',
      );
    }
    next = loop.next(value === YIELD_TO_EVENT_LOOP ? undefined : value);
  }
  return next.value;
}
