import { pythonScriptPath } from '../python-script.js';
import {
  chooseTorchConfig,
  runTorchScript,
  torchUnavailableReason,
} from '../training/torch-baseline.js';
import type { TorchConfigChoice } from '../training/torch-config.js';

/** Test figures of the PyTorch twin after an epoch (as `evaluateCodes` measures latentkit's). */
export interface TorchVqvaeTest {
  nmse: number;
  usage: number;
  perplexity: number;
}

/** The JSON printed by `python/torch_vqvae.py`. */
export interface TorchVqvaeResult {
  torch_version: string;
  threads: number;
  seed: number;
  epochs: {
    epoch: number;
    seconds: number;
    loss: number;
    recon: number;
    restarted: number;
    test: TorchVqvaeTest;
  }[];
  batch_size: number;
  train_examples: number;
  samples_per_second: number;
  test: TorchVqvaeTest | null;
}

/** The PyTorch twin's run in its best configuration, or why it did not run. */
export type TorchVqvaeOutcome =
  | { ran: true; result: TorchVqvaeResult; config: TorchConfigChoice }
  | { ran: false; reason: string };

/** Options of {@link runTorchVqvae}. */
export interface TorchVqvaeOptions {
  /** Directory of the MNIST IDX files. */
  dataDir: string;
  epochs: number;
  seed: number;
  /** The first `trainN` training and `testN` test images, as the latentkit run. */
  trainN: number;
  testN: number;
  /** σ of the Gaussian decoder and the NMSE's variance, the latentkit run's values. */
  outputStd: number;
  variance: number;
  /** `--torch-threads`: probe only this thread count. */
  threads?: number | undefined;
  /** Interleaved probe rounds per candidate configuration. */
  probeRounds: number;
}

/** Timed steps of each configuration probe of the VQ-VAE twin. */
export const VQVAE_PROBE_STEPS = 30;

/**
 * Runs `python/torch_vqvae.py`, the PyTorch twin of the suite's EMA + restarts run (same
 * architecture, quantizer, loss, data, epochs), in the fastest of the probed configurations
 * (see `training/torch-config.ts`). Never throws: a missing torch or a failing script gives
 * `{ ran: false, reason }`.
 */
export async function runTorchVqvae(options: TorchVqvaeOptions): Promise<TorchVqvaeOutcome> {
  const unavailable = torchUnavailableReason();
  if (unavailable) return { ran: false, reason: unavailable };
  const script = pythonScriptPath('torch_vqvae.py');
  const args = [
    '--data-dir',
    options.dataDir,
    '--seed',
    String(options.seed),
    '--train-n',
    String(options.trainN),
    '--test-n',
    String(options.testN),
    '--output-std',
    String(options.outputStd),
    '--variance',
    String(options.variance),
  ];
  const log = (line: string) => console.log(line);
  try {
    const config = await chooseTorchConfig(script, args, {
      threads: options.threads,
      probeSteps: VQVAE_PROBE_STEPS,
      rounds: options.probeRounds,
      onLine: log,
    });
    const result = await runTorchScript<TorchVqvaeResult>(
      script,
      [...args, '--epochs', String(options.epochs)],
      config.best,
      log,
    );
    return { ran: true, result, config };
  } catch (error) {
    return { ran: false, reason: (error as Error).message };
  }
}
