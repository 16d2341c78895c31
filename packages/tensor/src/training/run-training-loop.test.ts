import {
  InvalidArgumentError,
  NonFiniteError,
  permutation,
  toRng,
  UnknownOptionError,
} from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { runTrainingLoop } from './run-training-loop.js';
import type { TrainingEpochReport, TrainingStart } from './training-loop-types.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** A step value that depends on the batch's rows and step (so any change of order shows). */
const valuesOf = (indices: Int32Array, step: number): [number, number] => {
  let s = 0;
  for (const i of indices) s += Math.sin(i + 0.37 * step);
  return [s / indices.length, step];
};

interface Seen {
  epoch: number;
  batch: number;
  step: number;
  rows: number[];
}

/** Runs the loop, recording every batch and epoch report. */
async function record(options: {
  numRows: number;
  batchSize: number;
  epochs: number;
  seed?: number;
  shuffle?: boolean;
  dropLast?: boolean;
  start?: TrainingStart;
  signal?: AbortSignal;
  abortAtStep?: { controller: AbortController; step: number };
}) {
  const { abortAtStep, ...loopOptions } = options;
  const batches: Seen[] = [];
  const epochs: TrainingEpochReport[] = [];
  const result = await runTrainingLoop({
    ...loopOptions,
    step: ({ indices, epoch, batch, step }) => {
      batches.push({ epoch, batch, step, rows: [...indices] });
      return valuesOf(indices, step);
    },
    onBatch: ({ step }) => {
      if (abortAtStep && step + 1 === abortAtStep.step) abortAtStep.controller.abort();
    },
    onEpoch: (report) => {
      epochs.push(structuredClone(report));
    },
  });
  return { batches, epochs, result };
}

describe('runTrainingLoop', () => {
  it('tells each step the rows of the batch after it in the epoch (none after the last)', async () => {
    const seen: Array<{ rows: number[]; next: number[] | undefined }> = [];
    await runTrainingLoop({
      numRows: 10,
      batchSize: 4,
      epochs: 2,
      seed: 3,
      step: ({ indices, nextIndices }) => {
        seen.push({ rows: [...indices], next: nextIndices && [...nextIndices] });
        return [0];
      },
    });
    expect(seen).toHaveLength(6);
    for (let i = 0; i < seen.length; i++) {
      // Batches 2 and 5 end their epochs: the next epoch's order is not announced.
      expect(seen[i]!.next).toEqual(i % 3 === 2 ? undefined : seen[i + 1]!.rows);
    }
  });

  it('visits epoch e in the order permutation(n, toRng(seed).fork("shuffle").fork(e)), in batches', async () => {
    const { batches, result } = await record({ numRows: 10, batchSize: 4, epochs: 3, seed: 7 });
    expect(batches.map((b) => [b.epoch, b.batch, b.step])).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [0, 2, 2],
      [1, 0, 3],
      [1, 1, 4],
      [1, 2, 5],
      [2, 0, 6],
      [2, 1, 7],
      [2, 2, 8],
    ]);
    for (let e = 0; e < 3; e++) {
      const order = [...permutation(10, toRng(7).fork('shuffle').fork(e))];
      const seen = batches.filter((b) => b.epoch === e).map((b) => b.rows);
      expect(seen).toEqual([order.slice(0, 4), order.slice(4, 8), order.slice(8, 10)]);
    }
    // The orders differ between epochs (a loop reusing one order would fail here).
    expect(batches[0]!.rows).not.toEqual(batches[3]!.rows);
    expect(result).toMatchObject({ epochs: 3, steps: 9, aborted: false });
    expect(result.position).toEqual({ epoch: 3, batch: 0, step: 9 });
  });

  it('without shuffling visits rows in order; dropLast skips the partial batch', async () => {
    const plain = await record({ numRows: 5, batchSize: 2, epochs: 1, shuffle: false });
    expect(plain.batches.map((b) => b.rows)).toEqual([[0, 1], [2, 3], [4]]);
    const dropped = await record({ numRows: 5, batchSize: 2, epochs: 2, dropLast: true });
    expect(dropped.batches.map((b) => b.rows.length)).toEqual([2, 2, 2, 2]);
    expect(dropped.epochs.map((e) => e.sums.count)).toEqual([4, 4]);
  });

  it('reports size-weighted epoch means of the step values, equal to a direct sum', async () => {
    const { batches, epochs } = await record({ numRows: 7, batchSize: 3, epochs: 2, seed: 1 });
    for (const report of epochs) {
      const mine = batches.filter((b) => b.epoch === report.epoch);
      let sum = 0;
      for (const b of mine) sum += b.rows.length * valuesOf(Int32Array.from(b.rows), b.step)[0];
      expect(report.means[0]).toBeCloseTo(sum / 7, 12);
      expect(report.sums.count).toBe(7);
      expect(report.batches).toBe(3);
      expect(report.examples).toBe(7);
      expect(report.steps).toBe(3 * (report.epoch + 1));
      expect(report.seconds).toBeGreaterThanOrEqual(0);
      expect(report.stepsPerSecond).toBeCloseTo(report.seconds > 0 ? 3 / report.seconds : 0, 6);
    }
  });

  it('stops before the next batch once the signal is aborted, and resumes exactly from there', async () => {
    const options = { numRows: 11, batchSize: 3, epochs: 3, seed: 5 };
    const full = await record(options);
    for (const stopAt of [1, 4, 6, 11]) {
      const controller = new AbortController();
      const first = await record({
        ...options,
        signal: controller.signal,
        abortAtStep: { controller, step: stopAt },
      });
      expect(first.result.aborted).toBe(true);
      expect(first.result.steps).toBe(stopAt);
      expect(first.batches.length).toBe(stopAt);
      const rest = await record({
        ...options,
        start: { ...first.result.position, sums: first.result.sums },
      });
      expect(rest.result.aborted).toBe(false);
      expect([...first.batches, ...rest.batches]).toEqual(full.batches);
      // The epoch cut by the abort reports the same sums as in the uninterrupted run.
      const resumedEpochs = rest.epochs.map((e) => [e.epoch, e.means, e.steps]);
      const fullEpochs = full.epochs
        .filter((e) => e.epoch >= first.result.position.epoch)
        .map((e) => [e.epoch, e.means, e.steps]);
      expect(resumedEpochs).toEqual(fullEpochs);
    }
  });

  it('a start at the end of an epoch runs its epoch report only', async () => {
    const { batches, epochs } = await record({
      numRows: 4,
      batchSize: 2,
      epochs: 1,
      start: { epoch: 0, batch: 2, step: 2, sums: { count: 4, values: [8, 4] } },
    });
    expect(batches).toEqual([]);
    expect(epochs.map((e) => [e.batches, e.examples, e.means])).toEqual([[0, 0, [2, 1]]]);
  });

  it('yields to the event loop between steps, so an abort scheduled from outside lands', async () => {
    const controller = new AbortController();
    setImmediate(() => controller.abort());
    const { result } = await record({
      numRows: 100,
      batchSize: 1,
      epochs: 1,
      signal: controller.signal,
    });
    expect(result.aborted).toBe(true);
    expect(result.steps).toBe(1);
    expect(result.position).toEqual({ epoch: 0, batch: 1, step: 1 });
  });

  it('throws NonFiniteError naming epoch, batch and step, before onBatch', async () => {
    const reported: number[] = [];
    const run = runTrainingLoop({
      numRows: 6,
      batchSize: 2,
      epochs: 2,
      shuffle: false,
      valueName: 'prior loss',
      step: ({ step }) => [step === 4 ? Number.NaN : 1, 2],
      onBatch: ({ step }) => {
        reported.push(step);
      },
    });
    await expect(run).rejects.toThrow(NonFiniteError);
    await expect(run).rejects.toThrow(
      'prior loss at epoch 1, batch 1, step 4 contains NaN or Infinity (NaN, 2)',
    );
    expect(reported).toEqual([0, 1, 2, 3]);
    await expect(
      runTrainingLoop({
        numRows: 2,
        batchSize: 2,
        epochs: 1,
        step: () => [1, Number.POSITIVE_INFINITY],
        describeValues: ([a, b]) => `a ${a}, b ${b}`,
      }),
    ).rejects.toThrow(
      'loss at epoch 0, batch 0, step 0 contains NaN or Infinity (a 1, b Infinity)',
    );
  });

  it('awaits async steps and hooks in order', async () => {
    const log: string[] = [];
    const later = <T>(value: T): Promise<T> => new Promise((r) => setTimeout(() => r(value), 1));
    await runTrainingLoop({
      numRows: 4,
      batchSize: 2,
      epochs: 2,
      shuffle: false,
      step: async ({ step }) => {
        log.push(`step ${step}`);
        return later([step]);
      },
      onBatch: async ({ step, values }) => {
        await later(0);
        log.push(`batch ${step}: ${values[0]}`);
      },
      onEpoch: async ({ epoch, means }) => {
        await later(0);
        log.push(`epoch ${epoch}: ${means[0]}`);
      },
    });
    expect(log).toEqual([
      'step 0',
      'batch 0: 0',
      'step 1',
      'batch 1: 1',
      'epoch 0: 0.5',
      'step 2',
      'batch 2: 2',
      'step 3',
      'batch 3: 3',
      'epoch 1: 2.5',
    ]);
  });

  it('creates no tensors', async () => {
    const before = tf.memory().numTensors;
    await record({ numRows: 50, batchSize: 7, epochs: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad options before the first step', async () => {
    const step = () => [0];
    await expect(runTrainingLoop({ numRows: 4, batchSize: 0, epochs: 1, step })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(runTrainingLoop({ numRows: 4, batchSize: 2, epochs: 1.5, step })).rejects.toThrow(
      /epochs/,
    );
    await expect(
      runTrainingLoop({
        numRows: 4,
        batchSize: 2,
        epochs: 1,
        step,
        start: { epoch: 0, batch: 3, step: 0 },
      }),
    ).rejects.toThrow(/start\.batch/);
    await expect(
      runTrainingLoop({
        numRows: 4,
        batchSize: 2,
        epochs: 1,
        step,
        order: () => new Int32Array(3),
      }),
    ).rejects.toThrow(/order/);
    await expect(
      runTrainingLoop({ numRows: 4, batchSize: 2, epochs: 1, step, epoch: 3 } as never),
    ).rejects.toThrow(UnknownOptionError);
  });
});
