import {
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  ShapeError,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataFor, mnistSubset } from '../../test/support/mnist-subset.js';
import { createModel } from '../model/create-model.js';
import type { ModelConfig } from '../model/model-config.js';
import type { ObjectiveOptions } from './objective.js';
import { type BatchReport, train } from './train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const base: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 8,
  encoder: { type: 'mlp', hidden: [128] },
};

const variants: [string, ModelConfig, ObjectiveOptions | undefined][] = [
  ['AE', { ...base, kind: 'ae' }, undefined],
  ['VAE', base, undefined],
  ['β-VAE (β = 4)', base, { beta: 4 }],
  ['β-VAE (capacity)', base, { capacity: { max: 5, steps: 30, gamma: 100 } }],
  [
    'VAE with cyclical warm-up and free bits',
    base,
    { warmup: { type: 'cyclical', cycleSteps: 10 }, freeBits: 0.1 },
  ],
  ['CVAE', { ...base, kind: 'cvae', numClasses: 10 }, undefined],
];

describe('train', () => {
  const data = mnistSubset(1000);
  for (const [name, config, objective] of variants) {
    it(`${name}: the loss falls on 1000 MNIST images`, async () => {
      const model = createModel(config, { seed: 1 });
      const batches: BatchReport[] = [];
      const result = await train(model, dataFor(model, data), {
        epochs: 3,
        batchSize: 50,
        seed: 2,
        objective,
        onBatch: (b) => batches.push(b),
      });
      expect(batches).toHaveLength(60);
      expect(result.steps).toBe(60);
      const first = batches.slice(0, 3).reduce((a, b) => a + b.recon, 0) / 3;
      const last = result.epochs[2]!;
      // Reconstruction starts near 784·log 2 ≈ 543 nats and must clearly improve.
      expect(first).toBeGreaterThan(400);
      expect(last.recon).toBeLessThan(0.6 * first);
      expect(last.loss).toBeLessThan(batches[0]!.loss);
      if (config.kind !== 'ae') expect(last.kl).toBeGreaterThan(0);
      model.dispose();
    });
  }

  it('reports the schedules and validation, and applies the transform hook', async () => {
    const model = createModel(base, { seed: 1 });
    const seen: number[] = [];
    const reports: BatchReport[] = [];
    const result = await train(
      model,
      { x: data.x.subarray(0, 200 * 784) },
      {
        epochs: 2,
        batchSize: 100,
        objective: { warmup: { type: 'linear', steps: 4 } },
        validation: { x: data.x.subarray(200 * 784, 300 * 784) },
        transform: (x, info) => {
          seen.push(info.step);
          return x.map((v) => (v > 0.5 ? 1 : 0));
        },
        onBatch: (b) => reports.push(b),
      },
    );
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(reports.map((r) => r.klWeight)).toEqual([0, 0.25, 0.5, 0.75]);
    const v = result.epochs[1]!.validation!;
    expect(v.n).toBe(100);
    expect(v.negElbo).toBeCloseTo(v.recon + v.kl, 6);
    model.dispose();
  });

  it('throws NonFiniteError naming the step, and leaves parameters untouched', async () => {
    const model = createModel(base, { seed: 1 });
    const x = data.x.subarray(0, 100 * 784);
    let before: Float32Array | undefined;
    const run = train(
      model,
      { x },
      {
        epochs: 1,
        batchSize: 25,
        transform: (xs, { step }) => {
          if (step === 2) {
            before = model.store.get('decoder.out.bias').dataSync().slice() as Float32Array;
            xs[0] = Number.NaN;
          }
          return xs;
        },
      },
    );
    await expect(run).rejects.toThrow(NonFiniteError);
    expect(Array.from(model.store.get('decoder.out.bias').dataSync())).toEqual(Array.from(before!));
    await expect(
      train(
        model,
        { x },
        {
          epochs: 1,
          batchSize: 25,
          transform: (xs, { step }) => (step === 1 ? xs.fill(Number.NaN) : xs),
        },
      ),
    ).rejects.toThrow(/epoch 0, batch 1, step 1/);
    model.dispose();
  });

  it('rejects bad data and options with typed errors', async () => {
    const vae = createModel(base, { seed: 1 });
    const cvae = createModel({ ...base, kind: 'cvae', numClasses: 10 }, { seed: 1 });
    const x = data.x.subarray(0, 10 * 784);
    await expect(train(vae, { x: x.subarray(1) }, { epochs: 1 })).rejects.toThrow(ShapeError);
    await expect(train(vae, { x, n: 11 }, { epochs: 1 })).rejects.toThrow(ShapeError);
    await expect(train(vae, { x: [1, 2] as never }, { epochs: 1 })).rejects.toThrow(
      InvalidArgumentError,
    );
    const nan = x.slice();
    nan[5] = Number.NaN;
    await expect(train(vae, { x: nan }, { epochs: 1 })).rejects.toThrow(NonFiniteError);
    // dropLast with a batch larger than the data would train on nothing and report loss 0.
    await expect(train(vae, { x }, { epochs: 1, batchSize: 64, dropLast: true })).rejects.toThrow(
      /batchSize: 64 is larger than the 10 training examples/,
    );
    await expect(train(vae, { x }, { epochs: 1, batchsize: 5 } as never)).rejects.toThrow(
      UnknownOptionError,
    );
    await expect(train(vae, { x }, { epochs: 1, objective: { beta: Number.NaN } })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(train(cvae, { x }, { epochs: 1 })).rejects.toThrow(/labels/);
    await expect(train(cvae, { x, labels: new Uint8Array(9) }, { epochs: 1 })).rejects.toThrow(
      ShapeError,
    );
    await expect(
      train(cvae, { x, labels: new Uint8Array(10).fill(10) }, { epochs: 1 }),
    ).rejects.toThrow(/outside/);
    vae.dispose();
    cvae.dispose();
  });
});
