import {
  createModel,
  type EpochReport,
  iwaeNll,
  latentStatistics,
  type Model,
} from '@latentkit/models';
import type { Figure } from '@latentkit/report';
import { interpolationFigure, priorSamplesFigure } from '../../training/latent-figures.js';
import { benchMnist, type MnistRows } from '../../training/mnist.js';
import {
  chooseTorchConfig,
  runTorchScript,
  runTorchVae,
  type TorchVaeResult,
  torchScriptPath,
  torchUnavailableReason,
} from '../../training/torch-baseline.js';
import {
  describeSetting,
  fastestOneThread,
  type TorchConfigChoice,
  type TorchSetting,
} from '../../training/torch-config.js';
import { trainRun } from '../../training/train-run.js';
import type { Trainer } from '../../training/trainer.js';
import { summarizeRun } from './measure-reference.js';
import { REFERENCE_CONFIG, type ReferenceSettings } from './reference-settings.js';
import { profileReferenceStep, type StepProfile } from './step-profile.js';
import { probeThreadScaling, type ThreadScaling } from './thread-scaling.js';

/** Evaluation of the first seed's model on the test set (nats per image). */
export interface ReferenceEvaluation {
  seed: number;
  negElbo: number;
  recon: number;
  kl: number;
  /** IWAE estimate of −log p(x) with `k` importance samples, over the first `images` test images. */
  iwae: { k: number; images: number; nll: number };
  activeUnits: number;
  klPerDim: number[];
}

/** One latentkit training run of the reference model. */
export interface ReferenceRun {
  seed: number;
  epochs: EpochReport[];
  /** Training images / training seconds over all epochs (test passes excluded). */
  samplesPerSecond: number;
  /** Mean training seconds per epoch. */
  secondsPerEpoch: number;
  /** Test negative ELBO per image after the last epoch, nats. */
  testLoss: number;
}

/** What the reference runs produced: plain data, the models already disposed. */
export interface ReferenceTraining {
  /** Training images per epoch (60000). */
  trainN: number;
  /** One latentkit run per seed. */
  runs: ReferenceRun[];
  /** One PyTorch run per seed that ran (none when torch is absent). */
  torch: TorchVaeResult[];
  /** Why PyTorch is absent or stopped, else `undefined`. */
  torchReason: string | undefined;
  /** The probed PyTorch configurations and the one the runs used (when PyTorch ran). */
  torchConfig?: TorchConfigChoice | undefined;
  /** The first seed's model on the test set. */
  evaluation: ReferenceEvaluation | undefined;
  /** Prior samples and interpolation strips decoded by the first seed's model. */
  modelFigures: Figure[];
  /** One thread against the run's worker count, timed in interleaved rounds. */
  scaling: ThreadScaling;
  /** Where a step goes: kernels on one thread, phases per worker. */
  stepProfile: StepProfile;
}

/** Options of {@link trainReference}. */
export interface TrainReferenceOptions {
  settings: ReferenceSettings;
  trainer: Trainer;
  /** Intra-op threads of the PyTorch baseline (`--torch-threads`): probe only this count. */
  torchThreads?: number | undefined;
  /** Interleaved probe rounds per PyTorch candidate configuration. Default 2. */
  probeRounds?: number;
}

/** Steps of the one-thread kernel profile (after as many warm-up steps). */
export const PROFILED_STEPS = 20;

/** Timed steps of each PyTorch configuration probe (≈ 2–8 s of the reference VAE). */
export const REFERENCE_PROBE_STEPS = 100;

/**
 * Trains the reference VAE once per seed with latentkit, each followed by PyTorch with the same
 * seed (interleaved so load from other processes hits both), then evaluates the first seed's
 * model and decodes its figures, and last times one thread against the trainer's worker count
 * (`thread-scaling.ts`) and profiles a step (`step-profile.ts`). Before the first PyTorch run, every candidate PyTorch
 * configuration (threads 1 and 2 × plain / tuned allocator, see `torch-config.ts`) is probed for
 * {@link REFERENCE_PROBE_STEPS} steps; every PyTorch run uses the fastest.
 */
export async function trainReference(options: TrainReferenceOptions): Promise<ReferenceTraining> {
  const { settings, trainer } = options;
  const { train, test, directory } = benchMnist();
  let torchReason = torchUnavailableReason();
  const runs: ReferenceRun[] = [];
  const torch: TorchVaeResult[] = [];
  let torchConfig: TorchConfigChoice | undefined;
  let kept: Model | undefined;
  for (const seed of settings.seeds) {
    const model = createModel(REFERENCE_CONFIG, { seed });
    const epochs = await trainRun(
      trainer,
      model,
      { x: train.x, n: train.n },
      {
        label: `reference seed ${seed}`,
        epochs: settings.epochs,
        seed,
        validation: { x: test.x, n: test.n },
        validationName: 'test',
      },
    );
    runs.push(summarizeRun(seed, epochs, train.n));
    if (kept) model.dispose();
    else kept = model;
    if (torchReason) continue;
    try {
      torchConfig ??= await chooseTorchConfig(torchScriptPath(), ['--data-dir', directory], {
        threads: options.torchThreads,
        probeSteps: REFERENCE_PROBE_STEPS,
        rounds: options.probeRounds ?? 2,
        onLine: (line) => console.log(line),
      });
      torch.push(await torchRun(directory, settings.epochs, seed, torchConfig.best));
    } catch (error) {
      torchReason = (error as Error).message;
    }
  }
  const evaluated = kept
    ? evaluateFirst(kept, runs[0]!, test, settings.iwae)
    : { evaluation: undefined, modelFigures: [] };
  const scaling = await probeThreadScaling({
    x: train.x,
    ...settings.scaling,
    workers: trainer.workers > 1 ? [1, trainer.workers] : [1],
    torchOneThread: torchReason ? undefined : torchOneThreadProbe(directory, torchConfig),
    onLine: (line) => console.log(line),
  });
  const stepProfile = await profileReferenceStep({
    x: train.x,
    steps: PROFILED_STEPS,
    workers: trainer.workers,
    images: settings.scaling.images,
  });
  return {
    trainN: train.n,
    runs,
    torch,
    torchReason,
    torchConfig,
    ...evaluated,
    scaling,
    stepProfile,
  };
}

/** PyTorch's fastest one-thread configuration of the probe, to probe again beside latentkit's. */
function torchOneThreadProbe(dataDir: string, choice: TorchConfigChoice | undefined) {
  const fastest = fastestOneThread(choice);
  if (!fastest) return undefined;
  const args = ['--data-dir', dataDir, '--probe-steps', String(REFERENCE_PROBE_STEPS)];
  return {
    name: describeSetting(fastest.setting),
    probe: async () =>
      (
        await runTorchScript<{ samples_per_second: number }>(
          torchScriptPath(),
          args,
          fastest.setting,
        )
      ).samples_per_second,
  };
}

function torchRun(
  dataDir: string,
  epochs: number,
  seed: number,
  setting: TorchSetting,
): Promise<TorchVaeResult> {
  return runTorchVae({
    dataDir,
    epochs,
    seed,
    threads: setting.threads,
    tuned: setting.tuned,
    onLine: (line) => console.log(line),
  });
}

/** Test-set evaluation and decoded figures of the first seed's model, which it then disposes. */
function evaluateFirst(
  model: Model,
  run: ReferenceRun,
  test: MnistRows,
  iwae: ReferenceSettings['iwae'],
): { evaluation: ReferenceEvaluation; modelFigures: Figure[] } {
  const last = run.epochs[run.epochs.length - 1]!.validation!;
  const { k, images } = iwae;
  const iw = iwaeNll(model, { x: test.x.subarray(0, images * 784), n: images }, { k, seed: 0 });
  const stats = latentStatistics(model, { x: test.x, n: test.n });
  const evaluation: ReferenceEvaluation = {
    seed: run.seed,
    negElbo: last.negElbo,
    recon: last.recon,
    kl: last.kl,
    iwae: { k, images, nll: iw.nll },
    activeUnits: stats.activeUnits,
    klPerDim: Array.from(stats.klPerDim),
  };
  const modelFigures = [
    priorSamplesFigure(model, {
      rows: 8,
      cols: 12,
      seed: 7,
      title: `Samples from the prior (seed ${run.seed} model)`,
      caption: 'E[x|z] = σ(decoder logits) for z ~ N(0, I), 96 draws.',
    }),
    interpolationFigure(
      model,
      test,
      [
        [0, 6],
        [1, 7],
        [3, 8],
        [4, 9],
      ],
      10,
      'Interpolation strips (linear and spherical)',
    ),
  ];
  model.dispose();
  return { evaluation, modelFigures };
}
