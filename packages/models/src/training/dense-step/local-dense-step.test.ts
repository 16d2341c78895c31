import {
  createSgd,
  InvalidArgumentError,
  initBackend,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistImages } from '../../../test/support/mnist-subset.js';
import { createModel } from '../../model/create-model.js';
import type { ModelConfig } from '../../model/model-config.js';
import { createParallelEngine } from '../../node/parallel/parallel-engine.js';
import { createLocalEngine } from '../local-engine.js';
import type { ObjectiveOptions } from '../objective.js';
import { type TrainOptions, train } from '../train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const vae: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 4,
  encoder: { type: 'mlp', hidden: [48, 24] },
};
// 70 images, batch 32: the last batch has 6 rows.
const data = mnistImages(70);

async function run(config: ModelConfig, options: Partial<TrainOptions>) {
  const model = createModel(config, { seed: 1 });
  const losses: number[][] = [];
  await train(model, data, {
    epochs: 2,
    batchSize: 32,
    seed: 3,
    learningRate: 3e-3,
    ...options,
    onBatch: (b) => losses.push([b.loss, b.recon, b.kl]),
  });
  const params = Object.values(model.store.toRecord()).map((r) => r.data);
  model.dispose();
  return { losses, params };
}

describe('the local engine on wasm', () => {
  const objective: ObjectiveOptions = { beta: 3, warmup: { type: 'linear', steps: 3 } };

  it.each([
    ['a VAE with β and warm-up', vae, objective],
    ['an autoencoder', { ...vae, kind: 'ae' } as ModelConfig, undefined],
  ])(
    "steps %s without tfjs's tape and gives the tape's numbers bit for bit",
    async (_, config, o) => {
      // The reference: the tfjs path (one worker thread with the tape-free step turned off).
      const tape = await run(config, {
        objective: o,
        engine: createParallelEngine({ workers: 1, tapeFree: false }),
      });
      let local: Awaited<ReturnType<typeof run>> | undefined;
      const profile = await tf.profile(async () => {
        local = await run(config, { objective: o });
      });
      // No product went through tfjs: the step called the kernels itself.
      expect(profile.kernels.filter((k) => k.name === 'LatentkitGemm')).toHaveLength(0);
      expect(local!.losses).toEqual(tape.losses);
      expect(local!.params).toEqual(tape.params);
    },
  );

  it('createLocalEngine refuses unknown options and a tapeFree that is not a boolean', () => {
    expect(() => createLocalEngine({ tape: false } as never)).toThrow(UnknownOptionError);
    expect(() => createLocalEngine({ tapeFree: 'no' } as never)).toThrow(InvalidArgumentError);
  });

  it('hands the gradients to any optimizer and leaks no tensor', async () => {
    const model = createModel(vae, { seed: 1 });
    const optimizer = createSgd({ learningRate: 0.01, momentum: 0.9 });
    const counts: number[] = [];
    await train(model, data, {
      epochs: 3,
      batchSize: 32,
      seed: 3,
      optimizer,
      onEpoch: () => {
        counts.push(tf.memory().numTensors);
      },
    });
    // After the first epoch (the gradient buffers and optimizer slots exist), nothing grows.
    expect(counts[2]).toBe(counts[1]);
    const before = Object.values(model.store.toRecord()).map((r) => r.data);
    expect(before.every((p) => p.every(Number.isFinite))).toBe(true);
    optimizer.dispose();
    model.dispose();
  });
});
