import type { EpochReport } from '@latentkit/models';
import { describe, expect, it } from 'vitest';
import type { TorchVaeResult } from '../../training/torch-baseline.js';
import {
  lossSpread,
  measureReference,
  summarizeOurs,
  summarizeRun,
  summarizeTorch,
} from './measure-reference.js';
import { RECORDED_TORCH } from './reference-settings.js';

const epoch = (e: number, seconds: number, testLoss: number): EpochReport => ({
  epoch: e,
  steps: e + 1,
  loss: 0,
  recon: 0,
  kl: 0,
  seconds,
  samplesPerSecond: 0,
  validation: { negElbo: testLoss, recon: testLoss - 1, kl: 1, n: 10 },
});

const torchRun = (seed: number, seconds: number[], testLoss: number): TorchVaeResult => ({
  torch_version: '2.0',
  threads: 2,
  seed,
  epochs: seconds.map((s, i) => ({ epoch: i, seconds: s, train_loss: 0, test_loss: testLoss })),
  batch_size: 128,
  train_examples: 100,
  samples_per_second: 0,
  test_loss: testLoss,
});

describe('summarizeRun', () => {
  it('divides the images of every epoch by the training seconds and keeps the last test loss', () => {
    const r = summarizeRun(3, [epoch(0, 2, 120), epoch(1, 3, 110)], 100);
    expect(r.samplesPerSecond).toBe(40); // 200 images / 5 s
    expect(r.secondsPerEpoch).toBe(2.5);
    expect(r.testLoss).toBe(110);
    expect(r.seed).toBe(3);
  });

  it('gives NaN for the test loss of a run without epochs', () => {
    expect(summarizeRun(1, [], 100).testLoss).toBeNaN();
  });
});

describe('summarizeOurs and summarizeTorch', () => {
  it('weighs throughput by time over all seeds, and averages the losses', () => {
    const runs = [
      summarizeRun(1, [epoch(0, 1, 100)], 100),
      summarizeRun(2, [epoch(0, 3, 104)], 100),
    ];
    // 200 images in 4 s: 50/s, not the mean of 100/s and 33.3/s.
    expect(summarizeOurs(runs, 100)).toEqual({
      samplesPerSecond: 50,
      secondsPerEpoch: 2,
      testLoss: 102,
    });
    expect(summarizeTorch([torchRun(1, [1, 1], 100), torchRun(2, [2], 106)], 60)).toEqual({
      samplesPerSecond: 45, // 3 epochs × 60 images / 4 s
      testLoss: 103,
    });
  });
});

describe('lossSpread', () => {
  it('gives each side’s sample std and the standard error of the difference of the means', () => {
    const s = lossSpread([100, 102], [104, 108]);
    expect(s.ours).toBeCloseTo(Math.SQRT2, 12);
    expect(s.torch).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(s.standardError).toBeCloseTo(Math.sqrt(2 / 2 + 8 / 2), 12);
  });
});

describe('measureReference', () => {
  const runs = [summarizeRun(1, [epoch(0, 1, 100)], 100), summarizeRun(2, [epoch(0, 1, 110)], 100)];

  it('measures the ratio against PyTorch run in the same session, with the spread', () => {
    const torch = [torchRun(1, [2], 100), torchRun(2, [2], 104)];
    const m = measureReference({ runs, torch, torchReason: undefined, trainN: 100, seeds: [1, 2] });
    expect(m.ratio).toEqual({ value: 2, measured: true }); // 100/s vs 50/s
    expect(m.torch).toMatchObject({ measured: true, samplesPerSecond: 50, testLoss: 102 });
    expect(m.spread?.ours).toBeCloseTo(Math.sqrt(50), 12);
    expect(m.targetMet).toBe(true); // mean test loss 105 ≤ 105.3
  });

  it('falls back to the recorded figures, and keeps only the seeds that have one', () => {
    const m = measureReference({
      runs,
      torch: [],
      torchReason: 'no torch',
      trainN: 13_000,
      seeds: [2, 9],
    });
    expect(m.ratio.measured).toBe(false);
    expect(m.ratio.value).toBeCloseTo(13_000 / RECORDED_TORCH.samplesPerSecond, 12);
    expect(m.torch).toEqual({ measured: false, reason: 'no torch', recorded: RECORDED_TORCH });
    expect(m.recordedLosses).toEqual([105.76]);
    expect(m.spread).toBeUndefined();
  });

  it('gives no spread with a single seed on either side', () => {
    const m = measureReference({
      runs: runs.slice(0, 1),
      torch: [torchRun(1, [1], 100), torchRun(2, [1], 100)],
      torchReason: undefined,
      trainN: 100,
      seeds: [1],
    });
    expect(m.spread).toBeUndefined();
    expect(m.targetMet).toBe(true);
    const slow = measureReference({
      runs: runs.slice(1),
      torch: [],
      torchReason: 'x',
      trainN: 1,
      seeds: [2],
    });
    expect(slow.targetMet).toBe(false); // 110 > 105.3
  });
});
