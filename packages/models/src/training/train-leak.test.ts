import { createRng, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import { train } from './train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('train: memory', () => {
  it('keeps tf.memory().numTensors constant over 1000 steps', async () => {
    const rng = createRng(3);
    const n = 80;
    const x = Float32Array.from({ length: n * 6 }, () => rng.next());
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const model = createModel(
      {
        kind: 'cvae',
        numClasses: 3,
        inputShape: [6],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [4] },
      },
      { seed: 1 },
    );
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    await train(
      model,
      { x, labels },
      {
        epochs: 100,
        batchSize: 8,
        objective: { freeBits: 0.05, warmup: { type: 'linear', steps: 50 } },
        validation: { x: x.subarray(0, 60), labels: labels.subarray(0, 10) },
        onBatch: () => counts.push(tf.memory().numTensors),
      },
    );
    expect(counts).toHaveLength(1000);
    // After the first step (optimizer slots and cached constants now exist) the count is flat.
    expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
    // The internally created optimizer is disposed at the end: only the parameters remain.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
