import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';

// A process of its own (vitest pool 'forks'): wasm fails to start here, so 'auto' must fall back
// to cpu, loading tfjs-backend-cpu then.
const emptyDir = mkdtempSync(join(tmpdir(), 'latentkit-no-wasm-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

describe("initBackend 'auto' without a usable wasm backend", () => {
  it('falls back to cpu (loaded on demand) and reports why', async () => {
    expect(tf.findBackendFactory('cpu')).toBeNull();
    const reasons: string[] = [];
    const info = await initBackend({
      backend: 'auto',
      wasmPaths: `${emptyDir}/`,
      onFallback: (reason) => reasons.push(reason),
    });
    expect(info).toMatchObject({ name: 'cpu', fellBack: true, simd: false, threads: 1 });
    expect(reasons).toHaveLength(1);
    expect(info.fallbackReason).toBe(reasons[0]);
    expect(info.fallbackReason).not.toBe('');
    expect(tf.getBackend()).toBe('cpu');
    const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
  });
});
