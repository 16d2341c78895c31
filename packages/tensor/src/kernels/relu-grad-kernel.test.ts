import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../losses/test-support.js';
import { reluGrad } from './relu-grad-kernel.js';

describeOnBackends('reluGrad', () => {
  it('is dy where x > 0 and 0 elsewhere, NaN in dy kept, for sizes with and without a tail', () => {
    for (const n of [16, 13, 4, 3]) {
      const x = Float32Array.from({ length: n }, (_, i) => [1, -1, 0, -0, 2.5, Number.NaN][i % 6]!);
      const dy = Float32Array.from({ length: n }, (_, i) => (i === 4 ? Number.NaN : i - 5.5));
      const got = tf.tidy(() => reluGrad(tf.tensor1d(dy), tf.tensor1d(x)).dataSync());
      for (let i = 0; i < n; i++) {
        const want = dy[i]! * (x[i]! > 0 ? 1 : 0);
        if (Number.isNaN(want)) expect(Number.isNaN(got[i]), `element ${i} of ${n}`).toBe(true);
        else expect(got[i], `element ${i} of ${n}`).toBe(want);
      }
    }
  });

  it('is the registered Relu gradient: one kernel instead of Greater, Cast and Multiply', async () => {
    const x = tf.tensor2d([1, -2, 3, -4, 0.5, 0, -1, 2], [2, 4]);
    const info = await tf.profile(() => {
      tf.tidy(() => {
        tf.grad((t: tf.Tensor) => tf.sum(tf.relu(t)))(x);
      });
    });
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('LatentkitReluGrad');
    expect(names).not.toContain('Greater');
    x.dispose();
  });
});
