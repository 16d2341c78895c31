// Integration test: a small conv encoder/decoder built from the layers gives the same loss and
// parameter gradients on the wasm and cpu backends (independent kernel implementations).

import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { createParamStore } from '../params/param-store.js';
import { valueAndParamGrads } from '../params/value-and-param-grads.js';
import { randomUniform } from '../random/random-tensors.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { dense } from './dense.js';

interface Result {
  loss: number;
  grads: Record<string, Float32Array>;
}

/** Builds the model from seed 123, evaluates the loss and gradients, frees everything. */
function run(): Result {
  const rng = createRng(123);
  const store = createParamStore();
  const enc = store.scope('encoder');
  const dec = store.scope('decoder');
  const c1 = conv2d(enc, 'conv1', {
    inChannels: 1,
    outChannels: 4,
    kernelSize: 3,
    stride: 2,
    padding: 'same',
    activation: 'relu',
    seed: rng,
  });
  const c2 = conv2d(enc, 'conv2', {
    inChannels: 4,
    outChannels: 6,
    kernelSize: 3,
    stride: 1,
    padding: 'valid',
    activation: 'elu',
    seed: rng,
  });
  const fc = dense(enc, 'fc', { inFeatures: 24, outFeatures: 8, activation: 'tanh', seed: rng });
  const up = dense(dec, 'fc', {
    inFeatures: 8,
    outFeatures: 32,
    activation: 'leakyRelu',
    seed: rng,
  });
  const d1 = conv2dTranspose(dec, 'deconv1', {
    inChannels: 8,
    outChannels: 4,
    kernelSize: 4,
    stride: 2,
    padding: 1,
    activation: 'softplus',
    seed: rng,
  });
  const d2 = conv2dTranspose(dec, 'deconv2', {
    inChannels: 4,
    outChannels: 1,
    kernelSize: 3,
    stride: 2,
    padding: 'same',
    seed: rng,
  });
  const x = randomUniform([3, 8, 8, 1], rng.fork('data'));
  const { value, grads } = valueAndParamGrads(store, () =>
    tf.tidy(() => {
      const h = c2.apply(c1.apply(x)); // [3, 2, 2, 6]
      const z = fc.apply(tf.reshape(h, [3, 24]));
      const g = tf.reshape(up.apply(z), [3, 2, 2, 8]);
      const logits = d2.apply(d1.apply(g)); // [3, 8, 8, 1]
      return tf.mean(tf.squaredDifference(tf.sigmoid(logits), x)) as tf.Scalar;
    }),
  );
  const out: Result = { loss: value.dataSync()[0]!, grads: {} };
  expect(Object.keys(grads).sort()).toEqual(store.names().sort());
  for (const [k, g] of Object.entries(grads)) out.grads[k] = Float32Array.from(g.dataSync());
  tf.dispose([value, x, ...Object.values(grads)]);
  store.dispose();
  return out;
}

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('small conv model on wasm vs cpu', () => {
  it('gives the same loss and parameter gradients on both backends', async () => {
    await initBackend({ backend: 'wasm' });
    const wasm = run();
    await initBackend({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    const cpu = run();
    // Same inputs and parameters (drawn in JS); only the kernels' summation order and SIMD
    // differ, so agreement to ~1e-6 relative is expected; 1e-4 of each gradient's largest entry
    // is far below any real difference (a wrong gradient is O(1) off).
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-6 * Math.abs(cpu.loss));
    expect(Object.keys(wasm.grads).length).toBe(12);
    for (const [name, gc] of Object.entries(cpu.grads)) {
      const gw = wasm.grads[name]!;
      const scale = Math.max(...Array.from(gc, Math.abs));
      expect(scale, name).toBeGreaterThan(0);
      let maxDiff = 0;
      gc.forEach((v, i) => {
        maxDiff = Math.max(maxDiff, Math.abs(v - gw[i]!));
      });
      expect(maxDiff, name).toBeLessThan(1e-4 * scale);
    }
  });
});
