import { InvalidArgumentError, NonFiniteError, permutation, toRng } from '@latentkit/core';
import type {
  TrainingBatch,
  TrainingEpochReport,
  TrainingLoopOptions,
  TrainingLoopResult,
  TrainingSums,
} from './training-loop-types.js';

// Internal: the one training loop. It is a generator so that one body serves both drivers:
// every call that may return a promise (the step, the hooks) is `yield`ed, and the driver hands
// back its value — awaited by `runTrainingLoop`, as is by `runTrainingLoopSync` — and
// `YIELD_TO_EVENT_LOOP` marks where the async driver lets other work run between steps.

/** Yielded after every batch: the async driver yields to the event loop there. */
export const YIELD_TO_EVENT_LOOP: unique symbol = Symbol('yieldToEventLoop');

/** Every key of the loop's options. */
export const TRAINING_LOOP_KEYS: readonly string[] = [
  'numRows',
  'batchSize',
  'epochs',
  'dropLast',
  'seed',
  'shuffle',
  'order',
  'signal',
  'start',
  'step',
  'valueName',
  'describeValues',
  'onBatch',
  'onEpoch',
];

const checkCount = (value: unknown, name: string, min: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(name, `must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
};

/** Batches per epoch of `numRows` rows in batches of `batchSize`. */
const batchesPerEpoch = (numRows: number, batchSize: number, dropLast: boolean): number =>
  dropLast ? Math.floor(numRows / batchSize) : Math.ceil(numRows / batchSize);

const copySums = (sums: TrainingSums): TrainingSums => ({
  count: sums.count,
  values: [...sums.values],
});

/**
 * The loop's body. Yields the step's and hooks' return values (for the driver to resolve) and
 * {@link YIELD_TO_EVENT_LOOP}; returns the result.
 *
 * @throws {@link InvalidArgumentError} for bad options (before the first step);
 *   {@link NonFiniteError} for a non-finite step value.
 */
export function* trainingLoopCore<V extends ArrayLike<number>>(
  options: TrainingLoopOptions<V>,
): Generator<unknown, TrainingLoopResult, unknown> {
  const numRows = checkCount(options.numRows, 'numRows', 0);
  const batchSize = checkCount(options.batchSize, 'batchSize', 1);
  const epochs = checkCount(options.epochs, 'epochs', 0);
  if (typeof options.step !== 'function') {
    throw new InvalidArgumentError('step', 'must be a function (batch) => values');
  }
  const numBatches = batchesPerEpoch(numRows, batchSize, options.dropLast === true);
  const start = options.start;
  let epoch = start === undefined ? 0 : checkCount(start.epoch, 'start.epoch', 0);
  let first = start === undefined ? 0 : checkCount(start.batch, 'start.batch', 0);
  let step = start === undefined ? 0 : checkCount(start.step, 'start.step', 0);
  if (first > numBatches) {
    throw new InvalidArgumentError(
      'start.batch',
      `must be at most the ${numBatches} batches of an epoch, got ${first}`,
    );
  }
  let sums: TrainingSums = start?.sums ? copySums(start.sums) : { count: 0, values: [] };
  const rng = options.order || options.shuffle === false ? undefined : toRng(options.seed ?? 0);
  const valueName = options.valueName ?? 'loss';
  let completed = 0;
  const stopped = (aborted: boolean): TrainingLoopResult => ({
    epochs: completed,
    steps: step,
    aborted,
    position: { epoch, batch: first, step },
    sums,
  });
  for (; epoch < epochs; epoch++, first = 0) {
    const order = epochOrder(options, rng, epoch, numRows);
    const t0 = performance.now();
    let examples = 0;
    for (let b = first; b < numBatches; b++) {
      if (options.signal?.aborted) {
        first = b;
        return stopped(true);
      }
      const indices = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, numRows));
      const size = indices.length;
      const batch: TrainingBatch = { indices, epoch, batch: b, step, size };
      if (b + 1 < numBatches) {
        batch.nextIndices = order.subarray(
          (b + 1) * batchSize,
          Math.min((b + 2) * batchSize, numRows),
        );
      }
      const s0 = performance.now();
      const values = (yield options.step(batch)) as V;
      const seconds = (performance.now() - s0) / 1000;
      for (let i = 0; i < values.length; i++) {
        if (!Number.isFinite(values[i])) {
          throw new NonFiniteError(
            `${valueName} at epoch ${epoch}, batch ${b}, step ${step}`,
            options.describeValues ? options.describeValues(values) : Array.from(values).join(', '),
          );
        }
      }
      sums.count += size;
      for (let i = 0; i < values.length; i++) {
        sums.values[i] = (sums.values[i] ?? 0) + size * (values[i] as number);
      }
      examples += size;
      step++;
      if (options.onBatch) yield options.onBatch({ ...batch, values, seconds, sums });
      yield YIELD_TO_EVENT_LOOP;
    }
    const seconds = (performance.now() - t0) / 1000;
    const batches = numBatches - first;
    const count = Math.max(sums.count, 1);
    const report: TrainingEpochReport = {
      epoch,
      steps: step,
      batches,
      examples,
      seconds,
      stepsPerSecond: seconds > 0 ? batches / seconds : 0,
      examplesPerSecond: seconds > 0 ? examples / seconds : 0,
      sums,
      means: sums.values.map((v) => v / count),
    };
    sums = { count: 0, values: [] };
    completed++;
    if (options.onEpoch) yield options.onEpoch(report);
  }
  first = 0;
  return stopped(false);
}

/** Epoch `epoch`'s row order: `options.order`, the seeded shuffle, or 0, 1, …. */
function epochOrder<V extends ArrayLike<number>>(
  options: TrainingLoopOptions<V>,
  rng: ReturnType<typeof toRng> | undefined,
  epoch: number,
  numRows: number,
): Int32Array {
  if (options.order) {
    const order = options.order(epoch);
    if (!(order instanceof Int32Array) || order.length !== numRows) {
      throw new InvalidArgumentError(
        'order',
        `must return an Int32Array of ${numRows} row indices`,
      );
    }
    return order;
  }
  if (rng) return permutation(numRows, rng.fork('shuffle').fork(epoch));
  return Int32Array.from({ length: numRows }, (_, i) => i);
}
