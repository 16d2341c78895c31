import { initBackend, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { stopGradient } from './stop-gradient.js';
import { straightThrough } from './straight-through.js';
import { maxAbsDiff as maxDiff } from './vq-reference.testutil.js';

describe.each(['cpu', 'wasm'] as const)('stopGradient and straightThrough on %s', (backend) => {
  it('stopGradient keeps the value and blocks the gradient', async () => {
    await initBackend({ backend });
    const x = tf.tensor1d([1.5, -2, 3]);
    const y = stopGradient(x);
    expect([...y.dataSync()]).toEqual([1.5, -2, 3]);
    // d/dx Σ x·sg[x] = sg[x] = x (not 2x).
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, stopGradient(v))))(x);
    expect([...g.dataSync()]).toEqual([1.5, -2, 3]);
    tf.dispose([x, y, g]);
  });

  it('straightThrough has the value of q and passes the gradient to z only', async () => {
    await initBackend({ backend });
    const z = tf.tensor1d([0.3, -1.2, 2.7, 0]);
    const q = tf.tensor1d([0, -1, 3, 0.5]);
    const w = tf.tensor1d([1, 2, -3, 0.5]);
    const out = straightThrough(z, q);
    const outData = out.dataSync();
    expect(maxDiff(outData, [0, -1, 3, 0.5])).toBeLessThan(1e-6);
    const [gz, gq] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(w, straightThrough(a, b))),
    )([z, q]);
    expect([...gz!.dataSync()]).toEqual([1, 2, -3, 0.5]);
    expect([...gq!.dataSync()]).toEqual([0, 0, 0, 0]);
    tf.dispose([z, q, w, out, gz!, gq!]);
  });
});
