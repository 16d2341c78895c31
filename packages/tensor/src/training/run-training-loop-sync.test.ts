import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { runTrainingLoop } from './run-training-loop.js';
import { runTrainingLoopSync } from './run-training-loop-sync.js';
import type { TrainingLoopOptions } from './training-loop-types.js';

describe('runTrainingLoopSync', () => {
  it('runs the same batches, values and reports as runTrainingLoop', async () => {
    const make = (log: unknown[]): TrainingLoopOptions => ({
      numRows: 9,
      batchSize: 4,
      epochs: 2,
      seed: 3,
      step: ({ indices, step }) => [indices[0]! + step / 10],
      onBatch: ({ epoch, batch, step, indices, values }) => {
        log.push(['batch', epoch, batch, step, [...indices], [...values]]);
      },
      onEpoch: ({ epoch, means, sums }) => {
        log.push(['epoch', epoch, means, sums]);
      },
    });
    const syncLog: unknown[] = [];
    const asyncLog: unknown[] = [];
    const syncResult = runTrainingLoopSync(make(syncLog));
    const asyncResult = await runTrainingLoop(make(asyncLog));
    expect(syncLog).toEqual(asyncLog);
    expect(syncLog.length).toBe(2 * 3 + 2);
    expect(syncResult).toEqual(asyncResult);
  });

  it('uses a custom order as given, ignoring seed and shuffle', () => {
    const seen: number[][] = [];
    const orders = [Int32Array.from([2, 0, 1]), Int32Array.from([1, 2, 0])];
    runTrainingLoopSync({
      numRows: 3,
      batchSize: 2,
      epochs: 2,
      order: (epoch) => orders[epoch]!,
      step: ({ indices }) => {
        seen.push([...indices]);
        return [0];
      },
    });
    expect(seen).toEqual([[2, 0], [1], [1, 2], [0]]);
  });

  it('refuses a step that returns a promise', () => {
    expect(() =>
      runTrainingLoopSync({ numRows: 2, batchSize: 1, epochs: 1, step: async () => [0] }),
    ).toThrow(InvalidArgumentError);
  });

  it('stops when a step aborts the signal', () => {
    const controller = new AbortController();
    const result = runTrainingLoopSync({
      numRows: 10,
      batchSize: 2,
      epochs: 1,
      signal: controller.signal,
      step: ({ step }) => {
        if (step === 2) controller.abort();
        return [step];
      },
    });
    expect(result).toMatchObject({ aborted: true, steps: 3, position: { epoch: 0, batch: 3 } });
    expect(result.sums).toEqual({ count: 6, values: [2 * (0 + 1 + 2)] });
  });
});
