import type { EpochReport } from '@latentkit/models';
import { sampleStd } from '../../stats/sample-std.js';
import type { TorchVaeResult } from '../../training/torch-baseline.js';
import type { TorchConfigChoice } from '../../training/torch-config.js';
import { RECORDED_TORCH, TARGET_TEST_LOSS } from './reference-settings.js';
import type { ReferenceRun } from './train-reference.js';

/** latentkit's figures over every seed. */
export interface OursSummary {
  /** Training images / training seconds over every epoch of every seed. */
  samplesPerSecond: number;
  /** Mean over seeds of the seconds per epoch. */
  secondsPerEpoch: number;
  /** Mean over seeds of the final test loss, nats per image. */
  testLoss: number;
}

/**
 * Throughput latentkit / PyTorch, and whether PyTorch was measured in this run (then in its best
 * configuration: every run uses the fastest probed one).
 */
export interface ThroughputRatio {
  value: number;
  measured: boolean;
}

/** The PyTorch side as the JSON keeps it: measured in this run, or the recorded figures. */
export type TorchSummary =
  | {
      measured: true;
      samplesPerSecond: number;
      testLoss: number;
      runs: TorchVaeResult[];
      /** The probed configurations; the runs used `config.best`. */
      config: TorchConfigChoice | undefined;
    }
  | { measured: false; reason: string | undefined; recorded: typeof RECORDED_TORCH };

/** Seed-to-seed spread of the test loss (sample std) and the standard error of the difference. */
export interface LossSpread {
  ours: number;
  torch: number;
  standardError: number;
}

/** Everything the reference run's report is built from, beside the runs themselves. */
export interface ReferenceMeasures {
  ours: OursSummary;
  torch: TorchSummary;
  ratio: ThroughputRatio;
  /** Given when both sides have two or more seeds. */
  spread: LossSpread | undefined;
  /** The recorded PyTorch test losses of the run's seeds (shown when torch is absent). */
  recordedLosses: number[];
  /** Mean test loss ≤ {@link TARGET_TEST_LOSS}. */
  targetMet: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One seed's run: throughput, seconds per epoch and the final test loss from its epochs. */
export function summarizeRun(seed: number, epochs: EpochReport[], n: number): ReferenceRun {
  const seconds = epochs.reduce((s, e) => s + e.seconds, 0);
  return {
    seed,
    epochs,
    samplesPerSecond: (n * epochs.length) / seconds,
    secondsPerEpoch: seconds / epochs.length,
    testLoss: epochs[epochs.length - 1]?.validation?.negElbo ?? Number.NaN,
  };
}

/** latentkit over every seed (`n` training images per epoch). */
export function summarizeOurs(runs: readonly ReferenceRun[], n: number): OursSummary {
  return {
    samplesPerSecond:
      (n * runs.reduce((s, r) => s + r.epochs.length, 0)) /
      runs.reduce((s, r) => s + r.secondsPerEpoch * r.epochs.length, 0),
    secondsPerEpoch: mean(runs.map((r) => r.secondsPerEpoch)),
    testLoss: mean(runs.map((r) => r.testLoss)),
  };
}

/** Mean training seconds per epoch of one PyTorch run. */
export function torchSecondsPerEpoch(t: TorchVaeResult): number {
  return t.epochs.reduce((s, e) => s + e.seconds, 0) / t.epochs.length;
}

/** PyTorch over every seed: training images / training seconds, and the mean test loss. */
export function summarizeTorch(
  torch: readonly TorchVaeResult[],
  n: number,
): { samplesPerSecond: number; testLoss: number } {
  return {
    samplesPerSecond:
      (n * torch.reduce((s, t) => s + t.epochs.length, 0)) /
      torch.reduce((s, t) => s + t.epochs.reduce((a, e) => a + e.seconds, 0), 0),
    testLoss: mean(torch.map((t) => t.test_loss ?? Number.NaN)),
  };
}

/** Sample std of each side's test losses and the standard error of the difference of the means. */
export function lossSpread(ours: readonly number[], torch: readonly number[]): LossSpread {
  return {
    ours: sampleStd(ours),
    torch: sampleStd(torch),
    standardError: Math.sqrt(
      sampleStd(ours) ** 2 / ours.length + sampleStd(torch) ** 2 / torch.length,
    ),
  };
}

/** What the reference run's report needs: the summaries, the throughput ratio and the spread. */
export function measureReference(input: {
  runs: readonly ReferenceRun[];
  torch: TorchVaeResult[];
  torchReason: string | undefined;
  torchConfig?: TorchConfigChoice | undefined;
  trainN: number;
  seeds: readonly number[];
}): ReferenceMeasures {
  const { runs, torch, trainN } = input;
  const ours = summarizeOurs(runs, trainN);
  const recordedLosses = input.seeds
    .map((s) => RECORDED_TORCH.testLoss[s])
    .filter((v): v is number => v !== undefined);
  const targetMet = ours.testLoss <= TARGET_TEST_LOSS;
  if (torch.length === 0) {
    return {
      ours,
      torch: { measured: false, reason: input.torchReason, recorded: RECORDED_TORCH },
      ratio: { value: ours.samplesPerSecond / RECORDED_TORCH.samplesPerSecond, measured: false },
      spread: undefined,
      recordedLosses,
      targetMet,
    };
  }
  const theirs = summarizeTorch(torch, trainN);
  const spread =
    runs.length > 1 && torch.length > 1
      ? lossSpread(
          runs.map((r) => r.testLoss),
          torch.map((t) => t.test_loss ?? Number.NaN),
        )
      : undefined;
  return {
    ours,
    torch: { measured: true, ...theirs, runs: torch, config: input.torchConfig },
    ratio: { value: ours.samplesPerSecond / theirs.samplesPerSecond, measured: true },
    spread,
    recordedLosses,
    targetMet,
  };
}
