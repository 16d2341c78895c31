import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Python used for the baseline: Debian's, where `apt-get install python3-torch` puts torch. */
export const PYTHON = '/usr/bin/python3';

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
}

/** Options of {@link runTorchVae}. */
export interface TorchVaeOptions {
  /** Directory of the MNIST IDX files. */
  dataDir: string;
  epochs: number;
  seed: number;
  /** Intra-op threads; default torch's own default. */
  threads?: number;
  /** Called with each progress line the script prints. */
  onLine?: (line: string) => void;
}

/** The path of the shipped script, from `dist/` (built CLI) or `src/training/` (tests). */
export function torchScriptPath(): string {
  for (const rel of ['../python/torch_vae.py', '../../python/torch_vae.py']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('python/torch_vae.py not found next to the bench app');
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
 * Runs `python/torch_vae.py` (the pytorch/examples VAE with the reference hyper-parameters) and
 * returns its figures. Call {@link torchUnavailableReason} first.
 *
 * @throws {Error} with the script's last stderr line if it fails.
 */
export function runTorchVae(options: TorchVaeOptions): Promise<TorchVaeResult> {
  const args = [
    torchScriptPath(),
    '--data-dir',
    options.dataDir,
    '--epochs',
    String(options.epochs),
    '--seed',
    String(options.seed),
    ...(options.threads ? ['--threads', String(options.threads)] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
      for (const line of lines) if (line.trim()) options.onLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        const last = stderr.trim().split('\n').pop() ?? '';
        reject(new Error(`torch_vae.py exited with ${code}: ${last}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as TorchVaeResult);
      } catch (error) {
        reject(new Error(`torch_vae.py printed no JSON: ${(error as Error).message}`));
      }
    });
  });
}
