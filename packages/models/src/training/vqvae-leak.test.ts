import { createRng, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import { train } from './train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('train: VQ-VAE memory', () => {
  it('keeps tf.memory().numTensors constant over 600 steps (k-means init, EMA, restarts, residual)', async () => {
    const rng = createRng(3);
    const n = 80;
    const x = Float32Array.from({ length: n * 6 }, () => rng.next());
    for (const quantizer of [
      { type: 'ema', numCodes: 4, init: 'kmeans', decay: 0.5, deadCodeThreshold: 2 },
      { type: 'residual', numQuantizers: 2, numCodes: 4, ema: true, deadCodeThreshold: 1 },
    ] as const) {
      const model = createModel(
        {
          kind: 'vqvae',
          inputShape: [6],
          latentDim: 2,
          groups: 2,
          encoder: { type: 'mlp', hidden: [4] },
          quantizer,
        },
        { seed: 1 },
      );
      const counts: number[] = [];
      let restarts = 0;
      const before = tf.memory().numTensors;
      await train(
        model,
        { x },
        {
          epochs: 30,
          batchSize: 8,
          validation: { x: x.subarray(0, 60) },
          onBatch: (b) => {
            counts.push(tf.memory().numTensors);
            restarts += b.vq!.restarted;
          },
        },
      );
      expect(counts).toHaveLength(300);
      expect(restarts).toBeGreaterThan(0); // the restart path ran
      // After the first step (optimizer slots and cached constants now exist) the count is flat.
      expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
      // Only the parameters (and EMA state) remain once the internal optimizer is disposed.
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });
});
