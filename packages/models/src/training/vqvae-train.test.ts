import { InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mnistImages } from '../../test/support/mnist-subset.js';
import { createModel } from '../model/create-model.js';
import type { Model } from '../model/model.js';
import type { ModelConfig } from '../model/model-config.js';
import { createParallelEngine } from '../node/parallel/parallel-engine.js';
import type { QuantizerConfig } from '../vq/quantizer-config.js';
import { type BatchReport, type EpochReport, train } from './train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** An MLP VQ-VAE on MNIST: 784 → 64 → 4 code vectors of width 8 → 784. */
const config = (quantizer: QuantizerConfig): ModelConfig => ({
  kind: 'vqvae',
  inputShape: [784],
  latentDim: quantizer.type === 'fsq' ? quantizer.levels.length : 8,
  groups: 4,
  encoder: { type: 'mlp', hidden: [64] },
  outputStd: 0.25,
  quantizer,
});

/** Fraction of the codes that at least one latent vector of `x` is assigned to. */
function dataUsage(model: Model, x: Float32Array): number {
  const xs = tf.tensor(x, [x.length / 784, 784]);
  const idx = model.vq!.encodeIndices(xs);
  const used = new Set(idx.dataSync()).size;
  tf.dispose([xs, idx]);
  return used / model.vq!.numCodes;
}

describe('train: VQ-VAE', () => {
  const data = mnistImages(512);

  it('restarts revive dead codes: ≥ 90% used after a short run, far fewer without', async () => {
    const usage = async (deadCodeThreshold: number) => {
      // Deliberately bad: every code starts at the origin, so ties send all vectors to code 0
      // and the untouched codes stay dead at the origin.
      const model = createModel(
        config({ type: 'ema', numCodes: 32, initRange: 0, decay: 0.9, deadCodeThreshold }),
        { seed: 3 },
      );
      const reports: BatchReport[] = [];
      await train(model, data, {
        epochs: 4,
        batchSize: 64,
        learningRate: 2e-3,
        seed: 4,
        onBatch: (b) => reports.push(b),
      });
      const used = dataUsage(model, data.x);
      model.dispose();
      return { used, first: reports[0]!.vq!, restarts: reports.map((r) => r.vq!.restarted) };
    };
    const withRestarts = await usage(2);
    const without = await usage(0);
    // The bad start: one code for the whole first batch, in both runs.
    expect(withRestarts.first.usage).toBe(1 / 32);
    expect(withRestarts.first.perplexity).toBeCloseTo(1, 5);
    expect(without.first.usage).toBe(1 / 32);
    expect(withRestarts.restarts[0]).toBe(31);
    expect(without.restarts.every((r) => r === 0)).toBe(true);
    // Measured on the 512 training images after training.
    expect(withRestarts.used).toBeGreaterThanOrEqual(0.9);
    expect(without.used).toBeLessThan(0.5);
    expect(withRestarts.used - without.used).toBeGreaterThan(0.4);
  });

  it('every quantizer trains with the same loop; reports carry perplexity and usage', async () => {
    const quantizers: QuantizerConfig[] = [
      { type: 'vq', numCodes: 16, initRange: 0.5 },
      { type: 'ema', numCodes: 16, deadCodeThreshold: 1, init: 'kmeans' },
      { type: 'residual', numQuantizers: 2, numCodes: 16, ema: true, deadCodeThreshold: 1 },
      { type: 'fsq', levels: [5, 5, 4] },
    ];
    for (const q of quantizers) {
      const model = createModel(config(q), { seed: 1 });
      const batches: BatchReport[] = [];
      const epochs: EpochReport[] = [];
      await train(model, data, {
        epochs: 2,
        batchSize: 64,
        learningRate: 2e-3,
        seed: 2,
        validation: { x: data.x.subarray(0, 100 * 784) },
        onBatch: (b) => batches.push(b),
        onEpoch: (e) => {
          epochs.push(e);
        },
      });
      const first = batches.slice(0, 3).reduce((a, b) => a + b.loss, 0) / 3;
      expect(epochs[1]!.loss, q.type).toBeLessThan(0.75 * first);
      for (const b of batches) {
        expect(b.loss).toBeCloseTo(b.recon + b.vq!.codebook + b.vq!.commitment, 3);
        expect(b.kl).toBe(0);
        expect(b.vq!.perplexity).toBeGreaterThanOrEqual(1 - 1e-5);
        expect(b.vq!.perplexity).toBeLessThanOrEqual(model.vq!.numCodes * (1 + 1e-5));
      }
      if (q.type === 'vq') expect(batches[0]!.vq!.codebook).toBeGreaterThan(0);
      else expect(batches[0]!.vq!.codebook).toBe(0);
      if (q.type === 'fsq') expect(batches[0]!.vq!.commitment).toBe(0);
      // Epoch values are consistent with the batches (8 per epoch, all of 64 examples).
      for (const [e, report] of epochs.entries()) {
        const part = batches.slice(8 * e, 8 * e + 8);
        const mean = (f: (b: BatchReport) => number) => part.reduce((a, b) => a + f(b), 0) / 8;
        const vq = report.vq!;
        expect(vq.batchPerplexity).toBeCloseTo(
          mean((b) => b.vq!.perplexity),
          4,
        );
        expect(vq.batchUsage).toBeCloseTo(
          mean((b) => b.vq!.usage),
          6,
        );
        expect(vq.commitment).toBeCloseTo(
          mean((b) => b.vq!.commitment),
          4,
        );
        expect(vq.restarted).toBe(part.reduce((a, b) => a + b.vq!.restarted, 0));
        // Over the epoch at least as many codes are used as in any batch.
        expect(vq.usage).toBeGreaterThanOrEqual(Math.max(...part.map((b) => b.vq!.usage)) - 1e-6);
        expect(report.validation!.kl).toBe(0);
        expect(report.validation!.recon).toBeGreaterThan(0);
      }
      model.dispose();
    }
  });

  it('k-means initialization runs once, on the first batch, and not again in a second run', async () => {
    const model = createModel(
      config({ type: 'ema', numCodes: 32, init: 'kmeans', kmeansIterations: 4 }),
      { seed: 1 },
    );
    const spy = vi.spyOn(model.vq!, 'initialize');
    const usage: number[] = [];
    const opts = { epochs: 1, batchSize: 64, onBatch: (b: BatchReport) => usage.push(b.vq!.usage) };
    await train(model, { x: data.x.subarray(0, 128 * 784) }, opts);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(usage[0]).toBe(1); // 256 vectors, 32 k-means centres: every centre has its cluster
    await train(model, { x: data.x.subarray(0, 128 * 784) }, opts);
    expect(spy).toHaveBeenCalledTimes(1);
    model.dispose();
  });

  it('refuses KL options, and the parallel engine refuses a VQ-VAE (typed errors)', async () => {
    const model = createModel(config({ type: 'ema', numCodes: 8 }), { seed: 1 });
    const x = data.x.subarray(0, 64 * 784);
    await expect(train(model, { x }, { epochs: 1, objective: { beta: 2 } })).rejects.toThrow(
      /not kind 'vqvae'/,
    );
    const engine = createParallelEngine({ workers: 1 });
    await expect(train(model, { x }, { epochs: 1, engine })).rejects.toThrow(InvalidArgumentError);
    await expect(train(model, { x }, { epochs: 1, engine })).rejects.toThrow(/VQ-VAE/);
    expect(engine.liveThreads()).toBe(0);
    model.dispose();
  });
});
