import { initBackend, tf, valueAndParamGrads } from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateElbo } from '../src/evaluation/evaluate-elbo.js';
import { createModel } from '../src/model/create-model.js';
import type { ModelConfig } from '../src/model/model-config.js';
import { train } from '../src/training/train.js';
import { mnistImages } from './support/mnist-subset.js';

// A small convolutional VAE from the builder's conv spec: two stride-2 convolutions (28 → 14 →
// 7), a dense layer, and the mirrored decoder (sub-pixel upsampling by default).
const config: ModelConfig = {
  kind: 'vae',
  inputShape: [28, 28, 1],
  latentDim: 8,
  encoder: { type: 'conv', channels: [8, 16], hidden: [64] },
};
const data = mnistImages(500);

/** Loss and parameter gradients of one batch (mean negative ELBO, fixed ε) on the active backend. */
function lossAndGrads(record: ReturnType<ReturnType<typeof createModel>['store']['toRecord']>) {
  const model = createModel(config, { seed: 12345 }); // weights replaced below: same start on every backend
  model.store.loadRecord(record);
  const n = 32;
  const out = tf.tidy(() => {
    const x = tf.tensor(data.x.subarray(0, n * 784), [n, 28, 28, 1]);
    const { value, grads } = valueAndParamGrads(model.store, () => {
      const t = model.lossTerms(x, { seed: 11 });
      return tf.mean(tf.add(t.recon, t.kl!)) as tf.Scalar;
    });
    return {
      loss: value.dataSync()[0]!,
      grads: Object.fromEntries(
        Object.entries(grads).map(([k, g]) => [k, Float32Array.from(g.dataSync())]),
      ),
    };
  });
  model.dispose();
  return out;
}

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('convolutional VAE on the wasm backend', () => {
  it('gradients on wasm equal those on cpu from the same weights (float32 tolerance)', async () => {
    await initBackend({ backend: 'cpu' });
    const init = createModel(config, { seed: 7 });
    const record = init.store.toRecord();
    init.dispose();
    const cpu = lossAndGrads(record);
    await initBackend({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = lossAndGrads(record);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    const names = Object.keys(cpu.grads);
    expect(names.length).toBeGreaterThanOrEqual(10); // every conv/dense kernel and bias
    expect(Object.keys(wasm.grads).sort()).toEqual([...names].sort());
    for (const name of names) {
      const c = cpu.grads[name]!;
      const w = wasm.grads[name]!;
      let scale = 0;
      let diff = 0;
      for (let i = 0; i < c.length; i++) {
        scale = Math.max(scale, Math.abs(c[i]!));
        diff = Math.max(diff, Math.abs(w[i]! - c[i]!));
      }
      expect(scale, name).toBeGreaterThan(0);
      // Summation order differs between backends; float32 rounding stays far below 1e-4 relative.
      expect(diff / scale, name).toBeLessThan(1e-4);
    }
  });

  it('trains on 500 MNIST images: the negative ELBO falls', async () => {
    await initBackend({ backend: 'wasm' });
    const model = createModel(config, { seed: 3 });
    const before = evaluateElbo(model, data, { seed: 1 }).negElbo;
    const losses: number[] = [];
    await train(model, data, {
      epochs: 2,
      batchSize: 50,
      learningRate: 2e-3,
      seed: 4,
      onBatch: (b) => losses.push(b.loss),
    });
    const after = evaluateElbo(model, data, { seed: 1 }).negElbo;
    expect(losses).toHaveLength(20);
    expect(losses.every(Number.isFinite)).toBe(true);
    // Bernoulli NLL of 784 grey pixels starts near 784·ln 2 ≈ 543 nats; 20 steps must cut it a lot.
    expect(before).toBeGreaterThan(450);
    expect(after).toBeLessThan(0.75 * before);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));
    expect(tf.memory().numTensors).toBe(model.store.names().length);
    model.dispose();
  });
});
