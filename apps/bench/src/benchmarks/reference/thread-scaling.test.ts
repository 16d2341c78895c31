import type { EpochReport, TrainResult } from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TorchConfigChoice } from '../../training/torch-config.js';
import type { Trainer } from '../../training/trainer.js';
import {
  probeThreadScaling,
  scalingNotes,
  scalingRatios,
  type ThreadScaling,
} from './thread-scaling.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

const report = (epoch: number, samplesPerSecond: number): EpochReport => ({
  epoch,
  steps: epoch + 1,
  loss: 0,
  recon: 0,
  kl: 0,
  seconds: 1,
  samplesPerSecond,
});

/** A trainer that records its calls and reports a scripted rate for its second epoch. */
function fakeTrainers(rates: Record<number, number[]>) {
  const calls: { workers: number; n: number; epochs: number; batchSize: number }[] = [];
  const used: Record<number, number> = {};
  const trainerFor = async (workers: number): Promise<Trainer> => ({
    name: `fake (${workers})`,
    workers,
    train: async (_model, data, options): Promise<TrainResult> => {
      calls.push({
        workers,
        n: data.n ?? 0,
        epochs: options.epochs ?? 0,
        batchSize: options.batchSize ?? 0,
      });
      const i = used[workers] ?? 0;
      used[workers] = i + 1;
      return { epochs: [report(0, 1), report(1, rates[workers]![i]!)] } as unknown as TrainResult;
    },
  });
  return { calls, trainerFor };
}

describe('probeThreadScaling', () => {
  it('interleaves the thread counts per round, times the second epoch and keeps the fastest', async () => {
    const { calls, trainerFor } = fakeTrainers({ 1: [900, 1000, 950], 2: [1500, 1400, 1700] });
    const lines: string[] = [];
    const x = new Uint8Array(512 * 784);
    const scaling = await probeThreadScaling({
      x,
      images: 256,
      rounds: 3,
      workers: [1, 2],
      trainerFor,
      onLine: (l) => lines.push(l),
    });
    expect(calls.map((c) => c.workers)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(calls.every((c) => c.n === 256 && c.epochs === 2 && c.batchSize === 128)).toBe(true);
    expect(scaling.probes.map((p) => [p.workers, p.best])).toEqual([
      [1, 1000],
      [2, 1700],
    ]);
    expect(scaling.probes[1]!.rounds).toEqual([1500, 1400, 1700]);
    expect(lines).toHaveLength(6);
    expect(scaling.torch).toBeUndefined();
  });

  it('probes PyTorch on one thread once per round, after latentkit’s probes', async () => {
    const { calls, trainerFor } = fakeTrainers({ 1: [900, 1000], 2: [1500, 1400] });
    const order: string[] = [];
    const torchRates = [2000, 1800];
    const scaling = await probeThreadScaling({
      x: new Uint8Array(512 * 784),
      images: 256,
      rounds: 2,
      workers: [1, 2],
      trainerFor: async (w) => {
        const t = await trainerFor(w);
        return {
          ...t,
          train: (...a) => {
            order.push(`lk${w}`);
            return t.train(...a);
          },
        };
      },
      torchOneThread: {
        name: '1 thread, plain',
        probe: async () => {
          order.push('torch');
          return torchRates.shift()!;
        },
      },
    });
    expect(calls).toHaveLength(4);
    expect(order).toEqual(['lk1', 'lk2', 'torch', 'lk1', 'lk2', 'torch']);
    expect(scaling.torch).toEqual({ name: '1 thread, plain', rounds: [2000, 1800], best: 2000 });
    // The per-core ratio uses these rounds, not the configuration probe's.
    const r = scalingRatios(scaling, torchConfig);
    expect(r).toMatchObject({ torchOneThread: 2000, perCore: 0.5, interleaved: true });
    expect(scalingNotes(scaling, r).join('\n')).toContain(
      "PyTorch's fastest 1-thread configuration in the same rounds (2.00k samples/s): 0.50×",
    );
  });
});

const scaling: ThreadScaling = {
  images: 19_200,
  rounds: 2,
  probes: [
    { workers: 1, trainer: 'train (1 thread)', rounds: [9000, 10_000], best: 10_000 },
    { workers: 2, trainer: 'trainParallel (2 worker threads)', rounds: [17_000], best: 17_000 },
  ],
};
const torchConfig: TorchConfigChoice = {
  best: { threads: 1, tuned: true },
  candidates: [
    { setting: { threads: 1, tuned: true }, samplesPerSecond: 20_000 },
    { setting: { threads: 1, tuned: false }, samplesPerSecond: 16_000 },
    { setting: { threads: 2, tuned: true }, samplesPerSecond: 25_000 },
  ],
  probeSteps: 100,
  rounds: 2,
};

describe('scalingRatios', () => {
  it('divides the most threads by one, and one thread by PyTorch’s fastest one-thread probe', () => {
    const r = scalingRatios(scaling, torchConfig);
    expect(r.parallelSpeedup).toBeCloseTo(1.7, 12);
    // 2-thread PyTorch (25k) is not a per-core figure: the one-thread best is 20k.
    expect(r.torchOneThread).toBe(20_000);
    expect(r.perCore).toBeCloseTo(0.5, 12);
    expect(r.interleaved).toBe(false);
  });

  it('leaves a ratio undefined when one side is missing', () => {
    const onlyOne = { ...scaling, probes: [scaling.probes[0]!] };
    expect(scalingRatios(onlyOne, undefined)).toEqual({
      parallelSpeedup: undefined,
      perCore: undefined,
      torchOneThread: undefined,
      interleaved: false,
    });
  });
});

describe('scalingNotes', () => {
  it('states both ratios against their targets', () => {
    const notes = scalingNotes(scaling, scalingRatios(scaling, torchConfig)).join('\n');
    expect(notes).toContain('trainParallel (2 worker threads) 17.00k (17.00k)');
    expect(notes).toContain('2 worker threads ÷ 1 thread: 1.70× (target ≥ 1.8×)');
    expect(notes).toContain('(20.00k samples/s): 0.50× (target ≥ 0.6×)');
  });
});
