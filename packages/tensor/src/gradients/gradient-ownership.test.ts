import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';

// A pass-through gradient (Add, Sub, BroadcastTo, Identity, Cast) must not hand the tape's own `dy`
// back: when one tensor feeds two ops, tfjs adds their gradients and disposes the old one, which
// would free a `dy` another node still needs ("Cannot read properties of undefined"). It returns a
// new handle on dy's buffer instead (a same-shape Reshape), which costs no copy.
describe.each(['wasm', 'cpu'] as const)('gradient ownership on %s', (backend) => {
  it('x used by several pass-through ops gets the right gradient', async () => {
    await initBackend({ backend });
    const x = tf.tensor1d([0.5, -1, 2]);
    const g = tf.grad((v: tf.Tensor) =>
      tf.sum(tf.add(tf.exp(v), tf.add(v, tf.sub(tf.square(v), tf.cast(v, 'float32'))))),
    )(x);
    // d/dv [e^v + v + v² − v] = e^v + 2v
    const expected = [0.5, -1, 2].map((v) => Math.exp(v) + 2 * v);
    const got = Array.from(g.dataSync());
    for (const [i, value] of got.entries()) expect(value).toBeCloseTo(expected[i]!, 5);
    tf.dispose([x, g]);
  });

  it('pass-through gradients launch no Identity kernel: Add launches as many as Mul', async () => {
    await initBackend({ backend });
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    const identities = async (op: (p: tf.Tensor, q: tf.Tensor) => tf.Tensor): Promise<number> => {
      const profile = await tf.profile(() => {
        tf.dispose(tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(op(p, q)))([a, b]));
      });
      return profile.kernels.filter((k) => k.name === 'Identity').length;
    };
    // Both save their two inputs (two Identity kernels of tfjs's); Mul's gradients are new
    // products, Add's are new handles on dy's data (Reshape), not copies.
    const forMul = await identities(tf.mul);
    const forAdd = await identities(tf.add);
    expect(forMul).toBeGreaterThanOrEqual(2);
    expect(forAdd).toBe(forMul);
    tf.dispose([a, b]);
  });
});
