import { initBackend, type TensorRecord, tf, valueAndParamGrads } from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { mnistImages } from '../../test/support/mnist-subset.js';
import { type EpochReport, train } from '../training/train.js';
import { createModel } from './create-model.js';
import type { ModelConfig } from './model-config.js';

// The reference setting (Keras VQ-VAE example): conv 32 and 64 with stride 2, a 1×1 conv to
// D = 16, K = 128 codes; the decoder mirrors it with transposed convolutions.
const reference: ModelConfig = {
  kind: 'vqvae',
  inputShape: [28, 28, 1],
  latentDim: 16,
  encoder: { type: 'conv', channels: [32, 64] },
  decoder: { type: 'conv', channels: [64, 32], upsample: 'transpose' },
  outputStd: 0.25,
  quantizer: { type: 'vq', numCodes: 128, initRange: 0.5 },
};
const data = mnistImages(256);

/** Loss, indices and parameter gradients of one batch from given weights on the active backend. */
function lossAndGrads(record: Record<string, TensorRecord>) {
  const model = createModel(reference, { seed: 12345 }); // weights replaced: same start on every backend
  model.store.loadRecord(record);
  const n = 4;
  const out = tf.tidy(() => {
    const x = tf.tensor(data.x.subarray(0, n * 784), [n, 28, 28, 1]);
    let indices: number[] = [];
    const { value, grads } = valueAndParamGrads(model.store, () => {
      const t = model.lossTerms(x);
      indices = Array.from(t.vq!.indices.dataSync());
      return tf.add(tf.mean(t.recon), t.vq!.total) as tf.Scalar;
    });
    return {
      loss: value.dataSync()[0]!,
      indices,
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

describe('convolutional VQ-VAE on the wasm backend', () => {
  it('gradients on wasm equal those on cpu from the same weights (to 1e-4 relative)', async () => {
    await initBackend({ backend: 'cpu' });
    const init = createModel(reference, { seed: 7 });
    const record = init.store.toRecord();
    init.dispose();
    const cpu = lossAndGrads(record);
    await initBackend({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    const wasm = lossAndGrads(record);
    // Same codes on both backends (else the gradients could not agree), and not a single one.
    expect(wasm.indices).toEqual(cpu.indices);
    expect(new Set(cpu.indices).size).toBeGreaterThan(1);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-5);
    const names = Object.keys(cpu.grads);
    // Every conv kernel and bias (encoder, head, decoder) and the codebook.
    expect(names.sort()).toEqual(
      [
        'decoder.out.bias',
        'decoder.out.weight',
        'decoder.proj.bias',
        'decoder.proj.weight',
        'decoder.up1.bias',
        'decoder.up1.weight',
        'encoder.conv1.bias',
        'encoder.conv1.weight',
        'encoder.conv2.bias',
        'encoder.conv2.weight',
        'encoder.out.bias',
        'encoder.out.weight',
        'vq.codebook',
      ].sort(),
    );
    expect(Object.keys(wasm.grads).sort()).toEqual(names);
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
      expect(diff / scale, name).toBeLessThan(1e-4);
    }
  });

  it('trains on 256 MNIST images with EMA codebooks and restarts: the loss falls', async () => {
    await initBackend({ backend: 'wasm' });
    const model = createModel(
      {
        kind: 'vqvae',
        inputShape: [28, 28, 1],
        latentDim: 8,
        encoder: { type: 'conv', channels: [8, 16] },
        outputStd: 0.25,
        quantizer: {
          type: 'ema',
          numCodes: 32,
          decay: 0.9,
          deadCodeThreshold: 2,
          init: 'kmeans',
        },
      },
      { seed: 3 },
    );
    // Mean squared error of the reconstructions from the codes, on the 256 images.
    const mse = () =>
      tf.tidy(() => {
        const x = tf.tensor(data.x, [256, 28, 28, 1]);
        const back = model.vq!.decodeIndices(model.vq!.encodeIndices(x));
        return tf.mean(tf.square(tf.sub(back, x))).dataSync()[0]!;
      });
    const before = mse();
    const losses: number[] = [];
    const usage: number[] = [];
    const epochs: EpochReport[] = [];
    await train(model, data, {
      epochs: 3,
      batchSize: 32,
      learningRate: 1e-2,
      seed: 4,
      onBatch: (b) => {
        losses.push(b.loss);
        usage.push(b.vq!.usage);
      },
      onEpoch: (e) => {
        epochs.push(e);
      },
    });
    // Before training the decoder's output is close to constant: MSE ≈ the data variance.
    expect(mse()).toBeLessThan(0.7 * before);
    expect(losses).toHaveLength(24);
    expect(losses.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    // Squared error / (2·0.25²) over 784 pixels starts in the hundreds and must drop clearly.
    expect(mean(losses.slice(-4))).toBeLessThan(0.7 * mean(losses.slice(0, 4)));
    // k-means on the first batch: every code is used by it.
    expect(usage[0]).toBe(1);
    for (const e of epochs) {
      expect(e.vq!.perplexity).toBeGreaterThan(2);
      expect(e.vq!.codebook).toBe(0); // EMA: commitment only
      expect(e.vq!.commitment).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(model.store.names().length);
    model.dispose();
  });
});
