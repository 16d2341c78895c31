import { createModel } from '@latentkit/models';
import { fastestOneThread, type TorchConfigChoice } from '../../training/torch-config.js';
import { selectTrainer, type Trainer } from '../../training/trainer.js';
import { REFERENCE_CONFIG } from './reference-settings.js';

/** Options of {@link probeThreadScaling}. */
export interface ThreadScalingOptions {
  /** Training images, 784 grey levels (0–255) per row; the probe uses the first `images`. */
  x: Uint8Array | Float32Array;
  /** Images per timed epoch (a multiple of 128 keeps every batch full). */
  images: number;
  /** Interleaved rounds: each round probes every thread count once. */
  rounds: number;
  /** Thread counts to probe, e.g. `[1, 2]`; 1 is `train` in the calling thread. */
  workers: readonly number[];
  /** Model and shuffle seed (the same for every probe, so each one does the same work). */
  seed?: number;
  /** The trainer of a thread count; default the bench's {@link selectTrainer}. */
  trainerFor?: (workers: number) => Promise<Trainer>;
  /**
   * PyTorch's fastest one-thread configuration, probed once per round after latentkit's probes,
   * so that the per-core ratio compares measurements made minutes, not a whole run, apart (on a
   * shared host the speed drifts by tens of percent over a run). `probe` returns samples/s.
   */
  torchOneThread?: { name: string; probe: () => Promise<number> } | undefined;
  /** Progress lines. */
  onLine?: (line: string) => void;
}

/** One thread count's probes. */
export interface ThreadProbe {
  workers: number;
  /** Trainer name, e.g. `trainParallel (2 worker threads)`. */
  trainer: string;
  /** samples/s of the timed epoch of each round, in round order. */
  rounds: number[];
  /** The fastest round (load from other processes only slows a probe down). */
  best: number;
}

/** PyTorch's one-thread probes interleaved with latentkit's (see `torchOneThread`). */
export interface TorchThreadProbe {
  /** The configuration, e.g. `1 thread, plain`. */
  name: string;
  /** samples/s of each round, in round order. */
  rounds: number[];
  /** The fastest round. */
  best: number;
}

/** What {@link probeThreadScaling} measured. */
export interface ThreadScaling {
  images: number;
  rounds: number;
  probes: ThreadProbe[];
  /** PyTorch's one-thread probes of the same rounds, when given. */
  torch?: TorchThreadProbe | undefined;
}

/**
 * Times the reference VAE's training at each thread count, interleaved: every round trains a
 * fresh model (same seed) for two epochs of `images` images per thread count, and times the
 * second epoch (the first starts workers, compiles kernels and warms caches). Rounds alternate
 * the thread counts so that a burst of load from other processes hits all of them; each keeps
 * its fastest round, as the PyTorch configuration probes do.
 */
export async function probeThreadScaling(options: ThreadScalingOptions): Promise<ThreadScaling> {
  const trainerFor = options.trainerFor ?? selectTrainer;
  const seed = options.seed ?? 1;
  const data = { x: options.x.subarray(0, options.images * 784), n: options.images };
  const probes: ThreadProbe[] = [];
  const torchOne = options.torchOneThread;
  const torch: TorchThreadProbe | undefined = torchOne && {
    name: torchOne.name,
    rounds: [],
    best: 0,
  };
  for (const workers of options.workers) {
    probes.push({ workers, trainer: (await trainerFor(workers)).name, rounds: [], best: 0 });
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const probe of probes) {
      const trainer = await trainerFor(probe.workers);
      const model = createModel(REFERENCE_CONFIG, { seed });
      try {
        const result = await trainer.train(model, data, {
          epochs: 2,
          batchSize: 128,
          learningRate: 1e-3,
          seed,
        });
        const rate = result.epochs[result.epochs.length - 1]!.samplesPerSecond;
        probe.rounds.push(rate);
        probe.best = Math.max(probe.best, rate);
        options.onLine?.(
          `thread scaling round ${round + 1}/${options.rounds}: ${trainer.name} ${Math.round(rate)} samples/s`,
        );
      } finally {
        model.dispose();
      }
    }
    if (torchOne && torch) {
      const rate = await torchOne.probe();
      torch.rounds.push(rate);
      torch.best = Math.max(torch.best, rate);
      options.onLine?.(
        `thread scaling round ${round + 1}/${options.rounds}: PyTorch ${torchOne.name} ${Math.round(rate)} samples/s`,
      );
    }
  }
  return { images: options.images, rounds: options.rounds, probes, ...(torch ? { torch } : {}) };
}

/** The ratios the targets are stated in. */
export interface ScalingRatios {
  /** Best samples/s with the most threads ÷ with one thread (`undefined` without both). */
  parallelSpeedup: number | undefined;
  /** One latentkit thread ÷ PyTorch's fastest one-thread configuration (`undefined` without both). */
  perCore: number | undefined;
  /** PyTorch's fastest one-thread probe, samples/s. */
  torchOneThread: number | undefined;
  /** Whether that probe ran in the same interleaved rounds as latentkit's (else the configuration probe's). */
  interleaved: boolean;
}

/**
 * The speed-up of the most threads over one, and one thread against PyTorch on one thread: the
 * PyTorch probes interleaved with latentkit's when the scaling has them, else the fastest
 * one-thread candidate of the configuration probe.
 */
export function scalingRatios(
  scaling: ThreadScaling,
  torchConfig: TorchConfigChoice | undefined,
): ScalingRatios {
  const one = scaling.probes.find((p) => p.workers === 1);
  const most = [...scaling.probes].sort((a, b) => b.workers - a.workers)[0];
  const interleaved = scaling.torch !== undefined && scaling.torch.best > 0;
  const torchOne = interleaved
    ? scaling.torch!.best
    : fastestOneThread(torchConfig)?.samplesPerSecond;
  return {
    parallelSpeedup: one && most && most.workers > 1 ? most.best / one.best : undefined,
    perCore: one && torchOne ? one.best / torchOne : undefined,
    torchOneThread: torchOne,
    interleaved,
  };
}

/** Report lines: each thread count's best and rounds, and the two ratios. */
export function scalingNotes(scaling: ThreadScaling, ratios: ScalingRatios): string[] {
  const kilo = (x: number) => `${(x / 1000).toFixed(2)}k`;
  const lines = [
    `thread scaling (${scaling.rounds} interleaved round(s), epoch 2 of 2 on ${scaling.images} images, fastest round): ` +
      [
        ...scaling.probes,
        ...(scaling.torch ? [{ ...scaling.torch, trainer: `PyTorch ${scaling.torch.name}` }] : []),
      ]
        .map((p) => `${p.trainer} ${kilo(p.best)} (${p.rounds.map(kilo).join(', ')})`)
        .join('; '),
  ];
  if (ratios.parallelSpeedup !== undefined) {
    const most = Math.max(...scaling.probes.map((p) => p.workers));
    lines.push(
      `${most} worker threads ÷ 1 thread: ${ratios.parallelSpeedup.toFixed(2)}× (target ≥ 1.8×)`,
    );
  }
  if (ratios.perCore !== undefined && ratios.torchOneThread !== undefined) {
    lines.push(
      `per core, latentkit 1 thread ÷ PyTorch's fastest 1-thread ${ratios.interleaved ? 'configuration in the same rounds' : 'probe'} (${kilo(ratios.torchOneThread)} samples/s): ` +
        `${ratios.perCore.toFixed(2)}× (target ≥ 0.6×)`,
    );
  }
  return lines;
}
