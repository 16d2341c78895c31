// Test support (not exported): running Debian's PyTorch (python3-torch) from the tests.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The Python the PyTorch tests use: `LATENTKIT_PYTHON`, else Debian's `/usr/bin/python3`. */
export const PYTHON = process.env.LATENTKIT_PYTHON ?? '/usr/bin/python3';

/** The repository's `tools/python` folder (latentkit_torch and its scripts). */
export function toolsPythonDir(): string {
  return fileURLToPath(new URL('../../../../../tools/python/', import.meta.url));
}

/**
 * Why the PyTorch tests cannot run here (no Python, or `import torch` fails), or `undefined`
 * when they can.
 */
export function torchUnavailable(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').at(-1) ?? '';
    return `${PYTHON} cannot import torch and numpy (${last}); install python3-torch`;
  }
  return undefined;
}

/** Runs a Python script of tools/python and returns its stdout (throws with stderr on failure). */
export function runPython(args: string[], timeoutMs = 120_000): string {
  const result = spawnSync(PYTHON, args, {
    encoding: 'utf8',
    cwd: toolsPythonDir(),
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${PYTHON} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return result.stdout;
}
