import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistImages } from '../../test/support/mnist-subset.js';
import { paramsToSafetensors } from '../io/params-to-safetensors.js';
import { safetensorsToRecord } from '../io/safetensors-to-record.js';
import { createModel } from '../model/create-model.js';
import type { Model } from '../model/model.js';
import type { ModelConfig } from '../model/model-config.js';
import { createFileCheckpointStore } from '../node/io/file-checkpoint-store.js';
import { type BatchReport, type TrainOptions, train } from './train.js';

let dir = '';
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  dir = await mkdtemp(join(tmpdir(), 'latentkit-vqvae-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The stateful case: EMA codebook, k-means initialization on the first batch, and restarts with
// a fast decay so that codes are restarted throughout the run.
const config: ModelConfig = {
  kind: 'vqvae',
  inputShape: [784],
  latentDim: 6,
  groups: 4,
  encoder: { type: 'mlp', hidden: [32] },
  outputStd: 0.25,
  quantizer: {
    type: 'ema',
    numCodes: 24,
    init: 'kmeans',
    decay: 0.8,
    deadCodeThreshold: 3,
  },
};

const data = mnistImages(300);
const opts: TrainOptions = { epochs: 3, batchSize: 64, learningRate: 3e-3, seed: 9 }; // 5 batches/epoch

function expectSameParams(a: Model, b: Model): void {
  const ra = a.store.toRecord();
  const rb = b.store.toRecord();
  expect(Object.keys(rb)).toEqual(Object.keys(ra));
  for (const name of Object.keys(ra)) expect(rb[name]!.data, name).toEqual(ra[name]!.data);
}

describe('train: VQ-VAE checkpoints and safetensors', () => {
  it('an aborted-and-resumed run (file checkpoints) reproduces the uninterrupted one bit for bit', async () => {
    const full = createModel(config, { seed: 1 });
    const fullBatches: BatchReport[] = [];
    const fullResult = await train(full, data, { ...opts, onBatch: (b) => fullBatches.push(b) });
    expect(fullBatches).toHaveLength(15);
    // Restarts happen during the run (else this test would not cover their seeding).
    expect(fullBatches.slice(1).some((b) => b.vq!.restarted > 0)).toBe(true);

    const checkpoint = createFileCheckpointStore(join(dir, 'vqvae.ckpt.safetensors'), {
      modelConfig: config,
    });
    const first = createModel(config, { seed: 1 });
    const controller = new AbortController();
    const part1: BatchReport[] = [];
    const r1 = await train(first, data, {
      ...opts,
      checkpoint,
      checkpointEvery: 3,
      signal: controller.signal,
      onBatch: (b) => {
        part1.push(b);
        if (b.step === 7) controller.abort();
      },
    });
    expect(r1.aborted).toBe(true);
    const saved = await checkpoint.load();
    expect(saved).toMatchObject({ epoch: 1, batch: 3, step: 8 });
    // The checkpoint holds the codebook, the EMA state, the k-means flag and the epoch's code histogram.
    for (const name of [
      'vq.codebook',
      'vq.ema_cluster_size',
      'vq.ema_embed_sum',
      'vq.initialized',
    ]) {
      expect(saved!.params[name]!.data).toEqual(first.store.get(name).dataSync());
    }
    expect(saved!.totals.vq!.counts).toHaveLength(24);
    expect(saved!.totals.vq!.counts.reduce((a, b) => a + b, 0)).toBe(3 * 64 * 4);
    first.dispose();

    // A fresh model with other weights: the checkpoint overrides all of them, EMA state included.
    const second = createModel(config, { seed: 777 });
    const part2: BatchReport[] = [];
    const r2 = await train(second, data, {
      ...opts,
      checkpoint,
      resume: true,
      onBatch: (b) => part2.push(b),
    });
    expect(r2.steps).toBe(15);
    expect([...part1, ...part2]).toEqual(fullBatches);
    // Epoch reports (means, code perplexity and usage over the epoch) include the batches run
    // before the interruption.
    const strip = (e: (typeof r2.epochs)[number]) => ({ ...e, seconds: 0, samplesPerSecond: 0 });
    expect(r2.epochs.map(strip)).toEqual(fullResult.epochs.slice(1).map(strip));
    expectSameParams(full, second);
    full.dispose();
    second.dispose();
  });

  it('safetensors save/load is exact, EMA state included: both copies train on identically', async () => {
    const a = createModel(config, { seed: 2 });
    await train(a, data, { ...opts, epochs: 1 });
    const bytes = paramsToSafetensors(a.store, a.config);
    const loaded = safetensorsToRecord(bytes, {});
    const b = createModel(loaded.config as ModelConfig, { seed: 99 });
    b.store.loadRecord(safetensorsToRecord(bytes, { expectedShapes: b.store }).record);
    expect(b.config).toEqual(a.config);
    expectSameParams(a, b);
    expect(b.vq!.needsInitialization()).toBe(false);
    const x = tf.tensor(data.x.subarray(0, 50 * 784), [50, 784]);
    const ia = a.vq!.encodeIndices(x);
    const ib = b.vq!.encodeIndices(x);
    expect(ib.dataSync()).toEqual(ia.dataSync());
    // One more epoch from each (EMA updates and restarts depend on the loaded state).
    const la: number[] = [];
    const lb: number[] = [];
    await train(a, data, { ...opts, epochs: 1, seed: 5, onBatch: (r) => la.push(r.loss) });
    await train(b, data, { ...opts, epochs: 1, seed: 5, onBatch: (r) => lb.push(r.loss) });
    expect(lb).toEqual(la);
    expectSameParams(a, b);
    tf.dispose([x, ia, ib]);
    a.dispose();
    b.dispose();
  });
});
