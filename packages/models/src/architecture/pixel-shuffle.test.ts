import { initBackend, randomNormal, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixelShuffle } from './pixel-shuffle.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('pixelShuffle', () => {
  it.each([
    [[2, 3, 4, 8], 2],
    [[1, 7, 7, 64], 2],
    [[3, 2, 5, 18], 3],
  ] as const)(
    'equals tf.depthToSpace for shape %j, block %i, with the same gradient',
    (shape, block) => {
      const x = randomNormal([...shape], 5) as tf.Tensor4D;
      const ours = pixelShuffle(x, block);
      const ref = tf.depthToSpace(x, block);
      expect(ours.shape).toEqual(ref.shape);
      expect(Array.from(ours.dataSync())).toEqual(Array.from(ref.dataSync()));
      // The gradient of Σ w·out is w put back in place: compare with depthToSpace's inverse.
      const w = randomNormal(ref.shape, 6);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(pixelShuffle(v as tf.Tensor4D, block), w)))(
        x,
      );
      // depthToSpace is a permutation, so Σ w·depthToSpace(x) has gradient P⁻¹ w; check through it.
      expect(Array.from(tf.depthToSpace(g as tf.Tensor4D, block).dataSync())).toEqual(
        Array.from(w.dataSync()),
      );
      tf.dispose([x, ours, ref, w, g]);
    },
  );
});
