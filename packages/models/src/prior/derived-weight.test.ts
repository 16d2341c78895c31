import { createParamStore, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DerivedWeightCache, derivedWeight } from './derived-weight.js';
import { maskedCodeConv } from './masked-code-conv.js';

describe.each(['wasm', 'cpu'] as const)('derivedWeight on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it('derives once per weight value outside gradients, leaving no tensor behind', () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]));
    const cache: DerivedWeightCache = {};
    let calls = 0;
    const derive = (t: tf.Tensor) => {
      calls++;
      return tf.slice(t, [0, 1], [2, 2]);
    };
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const d = derivedWeight(cache, w, derive);
      expect(d.arraySync()).toEqual([
        [2, 3],
        [5, 6],
      ]);
      d.dispose();
    }
    expect(calls).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    w.assign(tf.tensor2d([0, 0, 7, 0, 0, 8], [2, 3]));
    const d = derivedWeight(cache, w, derive);
    expect(d.arraySync()).toEqual([
      [0, 7],
      [0, 8],
    ]);
    expect(calls).toBe(2);
    tf.dispose([d, w]);
  });

  it('is the differentiable derivation while gradients are recorded', () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]));
    const cache: DerivedWeightCache = {};
    tf.tidy(() => derivedWeight(cache, w, (t) => tf.slice(t, [0, 1], [2, 2]))); // fills the cache
    const g = tf.grad((t: tf.Tensor) =>
      tf.sum(derivedWeight(cache, w, () => tf.slice(t, [0, 1], [2, 2]))),
    )(w);
    expect(g.arraySync()).toEqual([
      [0, 1, 1],
      [0, 1, 1],
    ]);
    tf.dispose([g, w]);
  });

  it('makes an inference call of a masked code convolution slice no weights after the first', async () => {
    const store = createParamStore();
    const layer = maskedCodeConv(store, 'c', { numCodes: 5, outChannels: 3, kernelSize: 5 });
    const codes = tf.tensor3d([0, 1, 2, 3, 4, 0, 1, 2, 3], [1, 3, 3], 'int32');
    const first = tf.tidy(() => layer.apply(codes).dataSync());
    const profile = await tf.profile(() => {
      tf.tidy(() => {
        const again = layer.apply(codes).dataSync();
        expect(Array.from(again)).toEqual(Array.from(first));
      });
    });
    expect(profile.kernels.map((k) => k.name)).not.toContain('Concat');
    tf.dispose(codes);
    store.dispose();
  });
});
