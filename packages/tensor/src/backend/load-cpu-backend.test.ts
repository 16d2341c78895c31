import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadCpuBackend } from './load-cpu-backend.js';

// A process of its own (vitest pool 'forks'): nothing has registered tfjs's cpu backend yet.
describe('loadCpuBackend', () => {
  it("registers tfjs's cpu backend, once, on the first call", async () => {
    expect(tf.findBackendFactory('cpu')).toBeNull();
    const first = loadCpuBackend();
    expect(loadCpuBackend()).toBe(first);
    await first;
    const factory = tf.findBackendFactory('cpu');
    expect(factory).not.toBeNull();
    await loadCpuBackend();
    expect(tf.findBackendFactory('cpu')).toBe(factory);
    expect(await tf.setBackend('cpu')).toBe(true);
  });
});
