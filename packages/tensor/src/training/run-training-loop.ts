import { requireKnownOptions } from '@latentkit/core';
import { TRAINING_LOOP_KEYS, trainingLoopCore, YIELD_TO_EVENT_LOOP } from './training-loop-core.js';
import type { TrainingLoopOptions, TrainingLoopResult } from './training-loop-types.js';

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/**
 * The training loop of latentkit: epochs of seeded-shuffled mini-batches, each handed to your
 * `step`, with the NaN/∞ guard, running sums, per-batch and per-epoch reports (timing included),
 * abort by `signal` and resumption from any position. The step does the numerical work (forward,
 * gradients, optimizer); the loop creates no tensors.
 *
 * Order: epoch e's rows are `permutation(numRows, toRng(seed).fork('shuffle').fork(e))` (or
 * `order(e)`, or 0, 1, … without shuffling), cut into batches of `batchSize` (the last one smaller
 * unless `dropLast`). Steps are numbered globally from `start.step`. For each batch: check
 * `signal` (stop if aborted), `await step(batch)`, check every value is finite, add
 * `size·values[i]` to the sums, `await onBatch(report)`, then yield to the event loop (so that
 * an abort, timers and UI can run between steps). After an epoch's last batch:
 * `await onEpoch(report)`, then the sums restart from zero.
 *
 * Resumption: starting at `start` (with the sums carried there) runs exactly the batches, with
 * the same indices and step numbers, that an uninterrupted run would have run from there.
 *
 * @param options - See {@link TrainingLoopOptions}.
 * @returns Epochs completed, steps, whether aborted, and the position and sums at the end.
 * @throws {@link NonFiniteError} `"<valueName> at epoch e, batch b, step s contains NaN or
 *   Infinity (<values>)"` when a step value is NaN or ±∞ (thrown before `onBatch`).
 * @throws {@link InvalidArgumentError} for a non-integer or negative `numRows`, `epochs` or
 *   `start` field, a `batchSize` < 1, a missing `step`, a `start.batch` past the epoch's batches,
 *   or an `order` that does not return `numRows` indices.
 * @throws {@link UnknownOptionError} for an unknown option key.
 * @throws Whatever `step` or a hook throws (the run stops there).
 *
 * @example
 * ```ts
 * import { runTrainingLoop } from '@latentkit/tensor';
 *
 * const result = await runTrainingLoop({
 *   numRows: 1000, batchSize: 100, epochs: 5, seed: 1,
 *   step: ({ indices }) => [trainOn(indices)],
 *   onEpoch: ({ epoch, means }) => console.log(epoch, means[0]),
 * });
 * ```
 */
export async function runTrainingLoop<V extends ArrayLike<number>>(
  options: TrainingLoopOptions<V>,
): Promise<TrainingLoopResult> {
  requireKnownOptions(options, TRAINING_LOOP_KEYS, 'runTrainingLoop options');
  const loop = trainingLoopCore(options);
  let next = loop.next();
  while (!next.done) {
    const pending = next.value;
    next = loop.next(pending === YIELD_TO_EVENT_LOOP ? await yieldToEventLoop() : await pending);
  }
  return next.value;
}
