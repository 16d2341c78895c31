import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistSubset } from '../../test/support/mnist-subset.js';
import { createModel } from '../model/create-model.js';
import type { ModelConfig } from '../model/model-config.js';
import { type TrainOptions, train } from './train.js';
import { createMemoryCheckpointStore } from './train-checkpoint.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const config: ModelConfig = {
  kind: 'cvae',
  numClasses: 10,
  inputShape: [784],
  latentDim: 4,
  encoder: { type: 'mlp', hidden: [32] },
};

describe('train: checkpoint and resume', () => {
  const data = mnistSubset(300);
  const opts: TrainOptions = {
    epochs: 3,
    batchSize: 64, // 5 batches per epoch, the last one short
    seed: 9,
    objective: { warmup: { type: 'cyclical', cycleSteps: 4 } },
    // A seeded-by-position hook, as dynamic binarization would be.
    transform: (x, { step }) => x.map((v, i) => (v > ((i * 7 + step) % 10) / 10 ? 1 : 0)),
  };

  it('an aborted-and-resumed run reproduces the uninterrupted one bit for bit', async () => {
    const full = createModel(config, { seed: 1 });
    const fullLosses: number[] = [];
    const fullResult = await train(full, data, {
      ...opts,
      onBatch: (b) => fullLosses.push(b.loss),
    });
    expect(fullLosses).toHaveLength(15);

    // Interrupted run: abort in the middle of epoch 1 (after step 7), checkpoint every 3 steps.
    const store = createMemoryCheckpointStore();
    const first = createModel(config, { seed: 1 });
    const controller = new AbortController();
    const part1: number[] = [];
    const r1 = await train(first, data, {
      ...opts,
      checkpoint: store,
      checkpointEvery: 3,
      signal: controller.signal,
      onBatch: (b) => {
        part1.push(b.loss);
        if (b.step === 7) controller.abort();
      },
    });
    expect(r1.aborted).toBe(true);
    expect(r1.steps).toBe(8);
    const saved = await store.load();
    expect(saved).toMatchObject({ epoch: 1, batch: 3, step: 8 });
    first.dispose();

    // Resume in a fresh model with different initial weights: the checkpoint overrides them.
    const second = createModel(config, { seed: 12345 });
    const part2: number[] = [];
    const r2 = await train(second, data, {
      ...opts,
      checkpoint: store,
      resume: true,
      onBatch: (b) => part2.push(b.loss),
    });
    expect(r2.aborted).toBe(false);
    expect(r2.steps).toBe(15);
    expect([...part1, ...part2]).toEqual(fullLosses);
    // Epoch means include the batches run before the interruption.
    expect(r2.epochs.map((e) => e.loss)).toEqual(fullResult.epochs.slice(1).map((e) => e.loss));
    const a = full.store.toRecord();
    const b = second.store.toRecord();
    for (const name of Object.keys(a)) expect(b[name]!.data).toEqual(a[name]!.data);
    full.dispose();
    second.dispose();
  });

  it('refuses a checkpoint made with another seed or batch size', async () => {
    const store = createMemoryCheckpointStore();
    const m = createModel(config, { seed: 1 });
    await train(m, data, { ...opts, epochs: 1, checkpoint: store });
    expect(store.saves).toBe(1);
    await expect(
      train(m, data, { ...opts, seed: 10, checkpoint: store, resume: true }),
    ).rejects.toThrow(/seed 9/);
    m.dispose();
  });

  it('refuses to resume on other data: fewer rows, other values, other labels', async () => {
    // The checkpoint is saved mid-epoch (abort after 2 steps) on 300 rows.
    const store = createMemoryCheckpointStore();
    const m = createModel(config, { seed: 1 });
    const controller = new AbortController();
    await train(m, data, {
      ...opts,
      checkpoint: store,
      signal: controller.signal,
      onBatch: (b) => {
        if (b.step === 1) controller.abort();
      },
    });
    const saved = await store.load();
    expect(saved?.data).toMatchObject({ rows: 300, rowSize: 784, dtype: 'float32', labels: true });
    const resume = (other: typeof data) =>
      train(m, other, { ...opts, checkpoint: store, resume: true });
    // 8 rows: before, this ran zero batches and reported the checkpoint's epoch as its own.
    await expect(resume(mnistSubset(8))).rejects.toThrow(
      /checkpoint.*300 examples of 784 values, this run's data has 8 of 784/,
    );
    // Same size, other images.
    await expect(resume(mnistSubset(300, 'train', 300))).rejects.toThrow(/sampled rows hash/);
    // Same images, one sampled label changed.
    const relabelled = { ...data, labels: data.labels.slice() };
    relabelled.labels[0] = ((relabelled.labels[0] as number) + 1) % 10;
    await expect(resume(relabelled)).rejects.toThrow(/sampled rows hash/);
    // The same data resumes.
    const r = await resume(data);
    expect(r.steps).toBe(15);
    m.dispose();
  });
});
