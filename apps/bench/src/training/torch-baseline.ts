import { spawn, spawnSync } from 'node:child_process';
import { PYTHON, pythonScriptPath } from '../python-script.js';
import {
  candidateSettings,
  pickFastest,
  type TorchConfigChoice,
  type TorchProbe,
  type TorchSetting,
  torchEnv,
} from './torch-config.js';

export { PYTHON };

/** One epoch of the PyTorch run (what `python/torch_vae.py` prints). */
export interface TorchEpoch {
  epoch: number;
  /** Training seconds (test pass excluded). */
  seconds: number;
  /** Mean training loss, nats per image. */
  train_loss: number;
  /** Test negative ELBO after the epoch, nats per image. */
  test_loss: number;
}

/** The JSON printed by `python/torch_vae.py`. */
export interface TorchVaeResult {
  torch_version: string;
  threads: number;
  seed: number;
  epochs: TorchEpoch[];
  batch_size: number;
  train_examples: number;
  samples_per_second: number;
  test_loss: number | null;
  /** Whether the tuned allocator/OpenBLAS environment was set (added by the bench). */
  tuned?: boolean;
}

/** Options of {@link runTorchVae}. */
export interface TorchVaeOptions {
  /** Directory of the MNIST IDX files. */
  dataDir: string;
  epochs: number;
  seed: number;
  /** Intra-op threads; default torch's own default. */
  threads?: number;
  /** Set the tuned allocator/OpenBLAS environment (see `torch-config.ts`). Default false. */
  tuned?: boolean;
  /** Called with each progress line the script prints. */
  onLine?: (line: string) => void;
}

/** The path of the shipped VAE script, from `dist/` (built CLI) or `src/training/` (tests). */
export function torchScriptPath(): string {
  return pythonScriptPath('torch_vae.py');
}

/**
 * Why the PyTorch baseline cannot run here (`/usr/bin/python3` missing or without torch), or
 * `undefined` when it can.
 */
export function torchUnavailableReason(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found`;
  if (probe.status !== 0) return `no PyTorch for ${PYTHON} (apt-get install python3-torch)`;
  return undefined;
}

/**
 * Runs a PyTorch script of `python/` with `args` plus `--threads` under `setting`'s environment,
 * forwarding its stderr lines to `onLine`, and returns the JSON of its last stdout line.
 *
 * @throws {Error} with the script's last stderr line if it fails or prints no JSON.
 */
export function runTorchScript<T>(
  script: string,
  args: readonly string[],
  setting: TorchSetting | { threads?: number; tuned?: boolean },
  onLine?: (line: string) => void,
): Promise<T> {
  const threads = setting.threads ? ['--threads', String(setting.threads)] : [];
  const env = torchEnv({ threads: setting.threads ?? 0, tuned: setting.tuned ?? false });
  const name = script.split(/[\\/]/).pop();
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script, ...args, ...threads], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        const last = stderr.trim().split('\n').pop() ?? '';
        reject(new Error(`${name} exited with ${code}: ${last}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
      } catch (error) {
        reject(new Error(`${name} printed no JSON: ${(error as Error).message}`));
      }
    });
  });
}

/** Options of {@link chooseTorchConfig}. */
export interface ChooseTorchConfigOptions {
  /** `--torch-threads`: probe only this thread count (plain and tuned). */
  threads?: number | undefined;
  /** Timed steps per probe (after the script's warm-up steps). */
  probeSteps: number;
  /** Interleaved rounds over the candidates; each candidate keeps its best. Default 2. */
  rounds?: number;
  onLine?: (line: string) => void;
}

/**
 * Probes every candidate configuration (threads × plain/tuned, see `torch-config.ts`) with
 * `script args --probe-steps N` — the script trains N timed steps after a short warm-up and prints
 * `{ samples_per_second }` — in interleaved rounds, and returns the fastest.
 *
 * @throws {Error} when a probe fails (as {@link runTorchScript}).
 */
export async function chooseTorchConfig(
  script: string,
  args: readonly string[],
  options: ChooseTorchConfigOptions,
): Promise<TorchConfigChoice> {
  const rounds = options.rounds ?? 2;
  const candidates = candidateSettings(options.threads);
  const probes: TorchProbe[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const setting of candidates) {
      const out = await runTorchScript<{ samples_per_second: number }>(
        script,
        [...args, '--probe-steps', String(options.probeSteps)],
        setting,
      );
      probes.push({ setting, samplesPerSecond: out.samples_per_second });
    }
  }
  const choice = pickFastest(probes, options.probeSteps, rounds);
  options.onLine?.(
    `torch configuration probe: ${choice.candidates
      .map(
        (c) =>
          `${c.setting.threads}t ${c.setting.tuned ? 'tuned' : 'plain'} ${Math.round(c.samplesPerSecond)}/s`,
      )
      .join(', ')}`,
  );
  return choice;
}

/**
 * Runs `python/torch_vae.py` (the pytorch/examples VAE with the reference hyper-parameters) and
 * returns its figures. Call {@link torchUnavailableReason} first.
 *
 * @throws {Error} with the script's last stderr line if it fails.
 */
export async function runTorchVae(options: TorchVaeOptions): Promise<TorchVaeResult> {
  const args = [
    '--data-dir',
    options.dataDir,
    '--epochs',
    String(options.epochs),
    '--seed',
    String(options.seed),
  ];
  const setting = {
    ...(options.threads ? { threads: options.threads } : {}),
    tuned: options.tuned ?? false,
  };
  const result = await runTorchScript<TorchVaeResult>(
    torchScriptPath(),
    args,
    setting,
    options.onLine,
  );
  return { ...result, tuned: setting.tuned };
}
