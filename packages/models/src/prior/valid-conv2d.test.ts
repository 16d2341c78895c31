import { createRng, initBackend, tf } from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { validConv2d } from './valid-conv2d.js';

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const normal = (shape: number[], rng: ReturnType<typeof createRng>) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );

describe.each(['wasm', 'cpu'] as const)('validConv2d on %s', (backend) => {
  // Kernels of 1–2 taps take the im2col filter gradient, ≥ 3 taps the batch-axis convolution.
  it.each([
    [1, 1],
    [1, 2],
    [3, 1],
    [2, 3],
    [3, 5],
  ])(
    'kernel %i×%i: values and gradients equal tf.conv2d with the registry gradient',
    async (kh, kw) => {
      await initBackend({ backend });
      const rng = createRng(kh * 10 + kw);
      const x = normal([2, 5, 6, 3], rng) as tf.Tensor4D;
      const w = normal([kh, kw, 3, 4], rng) as tf.Tensor4D;
      const r = normal([2, 6 - kh, 7 - kw, 4], rng);
      const grads = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor) =>
        tf.tidy(() => {
          const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), r)),
          )([x, w]);
          return [f(x, w), ...g].map((t) => t.dataSync() as Float32Array);
        });
      const before = tf.memory().numTensors;
      const mine = grads(validConv2d);
      expect(tf.memory().numTensors).toBe(before);
      const ref = grads((a, b) => tf.conv2d(a, b, 1, 'valid'));
      mine.forEach((m, i) => {
        const scale = Math.max(...Array.from(ref[i]!, Math.abs));
        let maxDiff = 0;
        m.forEach((v, j) => {
          maxDiff = Math.max(maxDiff, Math.abs(v - ref[i]![j]!));
        });
        expect(maxDiff, ['y', 'dx', 'dw'][i]).toBeLessThan(1e-5 * scale);
      });
      tf.dispose([x, w, r]);
    },
  );
});
