import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON, runTorchScript } from './torch-baseline.js';

// A stand-in for a PyTorch script: prints its arguments and the environment it was given.
const dir = mkdtempSync(join(tmpdir(), 'latentkit-torch-baseline-'));
const script = join(dir, 'echo_env.py');
writeFileSync(
  script,
  [
    'import json, os, sys',
    "print('progress line', file=sys.stderr)",
    "keys = ('MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_', 'OPENBLAS_NUM_THREADS')",
    "print(json.dumps({'argv': sys.argv[1:], 'env': {k: os.environ.get(k) for k in keys}}))",
  ].join('\n'),
);
const failing = join(dir, 'fail.py');
writeFileSync(failing, "import sys\nprint('boom', file=sys.stderr)\nsys.exit(3)\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Echo {
  argv: string[];
  env: Record<string, string | null>;
}

describe.skipIf(!existsSync(PYTHON))('runTorchScript', () => {
  it('passes --threads and the tuned environment to the script and forwards its stderr', async () => {
    const lines: string[] = [];
    const out = await runTorchScript<Echo>(script, ['--x', '1'], { threads: 2, tuned: true }, (l) =>
      lines.push(l),
    );
    expect(out.argv).toEqual(['--x', '1', '--threads', '2']);
    expect(out.env).toEqual({
      MALLOC_MMAP_THRESHOLD_: '33554432',
      MALLOC_TRIM_THRESHOLD_: '1073741824',
      OPENBLAS_NUM_THREADS: '1',
    });
    expect(lines).toEqual(['progress line']);
  });

  it('runs the plain candidate without those variables', async () => {
    const out = await runTorchScript<Echo>(script, [], { threads: 1, tuned: false });
    expect(out.argv).toEqual(['--threads', '1']);
    expect(out.env).toEqual({
      MALLOC_MMAP_THRESHOLD_: null,
      MALLOC_TRIM_THRESHOLD_: null,
      OPENBLAS_NUM_THREADS: null,
    });
  });

  it('rejects with the exit code and the last stderr line of a failing script', async () => {
    await expect(runTorchScript(failing, [], { threads: 1, tuned: false })).rejects.toThrow(
      'fail.py exited with 3: boom',
    );
  });
});
