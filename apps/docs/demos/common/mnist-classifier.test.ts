import { CONFIG_METADATA_KEY, paramsToSafetensors } from '@latentkit/models';
import { InvalidArgumentError, initBackend, ShapeError, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierFromBytes, classifyImages, createMnistClassifier } from './mnist-classifier.js';
import { TRAINING_METADATA_KEY } from './training-metadata.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const config = { kind: 'mlp-classifier' as const, inputSize: 6, hidden: [5, 4], numClasses: 3 };

describe('MNIST classifier (tensor dense layers)', () => {
  it('computes relu(relu(x·W1 + b1)·W2 + b2)·W3 + b3, checked by hand on the cpu', () => {
    const c = createMnistClassifier(config, 1);
    const rec = c.store.toRecord();
    expect(Object.keys(rec)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
      'out.weight',
      'out.bias',
    ]);
    const x = Float32Array.from({ length: 12 }, (_, i) => (i % 5) / 4);
    const layer = (inp: number[], name: string, relu: boolean) => {
      const w = rec[`${name}.weight`]!;
      const [nin, nout] = w.shape as [number, number];
      return Array.from({ length: nout }, (_, j) => {
        let s = rec[`${name}.bias`]!.data[j]!;
        for (let i = 0; i < nin; i++) s += inp[i]! * w.data[i * nout + j]!;
        return relu ? Math.max(0, s) : s;
      });
    };
    const logits = tf.tidy(() => c.logits(tf.tensor2d(x, [2, 6])));
    const got = logits.dataSync();
    logits.dispose();
    for (let r = 0; r < 2; r++) {
      const want = layer(
        layer(layer(Array.from(x.subarray(r * 6, r * 6 + 6)), 'fc1', true), 'fc2', true),
        'out',
        false,
      );
      for (let k = 0; k < 3; k++) expect(got[r * 3 + k]).toBeCloseTo(want[k]!, 5);
    }
    const { labels, confidence } = classifyImages(c, x, 2);
    for (let r = 0; r < 2; r++) {
      const row = Array.from(got.subarray(r * 3, r * 3 + 3));
      expect(labels[r]).toBe(row.indexOf(Math.max(...row)));
      const z = row.reduce((s, v) => s + Math.exp(v), 0);
      expect(confidence[r]).toBeCloseTo(Math.exp(Math.max(...row)) / z, 5);
    }
    expect(() => classifyImages(c, x, 3)).toThrow(ShapeError);
    expect(() => c.logits(tf.zeros([1, 5]))).toThrow(ShapeError);
    c.dispose();
  });

  it('round-trips through safetensors and rejects bad configs', () => {
    const c = createMnistClassifier(config, 2);
    const bytes = paramsToSafetensors(c.store, config, {
      metadata: {
        [TRAINING_METADATA_KEY]: JSON.stringify({ id: 'classifier', seed: 2, scores: {} }),
      },
    });
    const { classifier } = classifierFromBytes(bytes);
    const x = new Uint8Array(6).fill(200);
    expect(classifyImages(classifier, x, 1)).toEqual(classifyImages(c, x, 1));
    classifier.dispose();
    c.dispose();
    expect(() => createMnistClassifier({ ...config, hidden: [0] }, 1)).toThrow(
      InvalidArgumentError,
    );
    expect(CONFIG_METADATA_KEY).toBe('config');
  });
});
