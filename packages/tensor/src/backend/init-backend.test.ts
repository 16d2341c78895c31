import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gemm } from '../kernels/gemm.js';
import { LATENTKIT_GEMM } from '../kernels/gemm-kernel.js';
import { initBackend } from './init-backend.js';

// Vitest runs each test file in a process of its own (pool 'forks'), so tfjs's backend registry
// and Node's module cache start empty here. The tests of this file run in order.
const moduleCache = createRequire(import.meta.url).cache;

/** Whether any file of @tensorflow/tfjs-backend-cpu has been loaded in this process. */
function cpuModuleLoaded(): boolean {
  return Object.keys(moduleCache).some((file) =>
    file.replaceAll('\\', '/').includes('/@tensorflow/tfjs-backend-cpu/'),
  );
}

describe('initBackend: tfjs-backend-cpu is loaded only when cpu is used', () => {
  it('the wasm path neither loads nor registers the cpu backend', async () => {
    expect(tf.findBackendFactory('cpu')).toBeNull();
    expect(cpuModuleLoaded()).toBe(false);
    const info = await initBackend({ backend: 'wasm' });
    expect(info.name).toBe('wasm');
    expect(info.fellBack).toBe(false);
    const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
    expect(tf.findBackendFactory('cpu')).toBeNull();
    expect(tf.engine().backendNames()).not.toContain('cpu');
    expect(cpuModuleLoaded()).toBe(false);
  });

  it("backend: 'cpu' loads it then, with latentkit's kernels registered for cpu", async () => {
    const info = await initBackend({ backend: 'cpu' });
    expect(info).toMatchObject({ name: 'cpu', fellBack: false, simd: false, simdGemm: false });
    expect(info.fallbackReason).toBeUndefined();
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.findBackendFactory('cpu')).not.toBeNull();
    expect(cpuModuleLoaded()).toBe(true);
    expect(tf.getKernel(LATENTKIT_GEMM, 'cpu')).toBeDefined();
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
    expect(Array.from(await gemm(a, b, { transposeB: true }).data())).toEqual([17, 23, 39, 53]);
  });

  it('switches back to wasm and to cpu again without a second load', async () => {
    expect((await initBackend({ backend: 'wasm' })).name).toBe('wasm');
    const factory = tf.findBackendFactory('cpu');
    expect((await initBackend({ backend: 'cpu' })).name).toBe('cpu');
    expect(tf.findBackendFactory('cpu')).toBe(factory);
  });
});
