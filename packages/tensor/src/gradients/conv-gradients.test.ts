import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { convCases } from './conv-gradients.cases.js';
import { describeGradientCases } from './describe-gradient-cases.js';

describeGradientCases('conv gradients vs finite differences', convCases);

describe('conv gradients on wasm use only fast kernels', () => {
  it('conv2d and conv2dTranspose gradients launch Conv2D, never Conv2DBackpropInput/Filter', async () => {
    await initBackend({ backend: 'wasm' });
    const x = tf.ones([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 3, 4]) as tf.Tensor4D;
    const p = await tf.profile(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same');
        return tf.sum(tf.conv2d(y, tf.transpose(b, [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same'));
      })([x, w]),
    );
    expect(p.kernelNames).not.toContain('Conv2DBackpropInput');
    expect(p.kernelNames).not.toContain('Conv2DBackpropFilter');
    tf.dispose(p.result as tf.Tensor[]);
    const q = await tf.profile(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 16, 16, 3], 2, 'same')),
      )([x as tf.Tensor, tf.ones([3, 3, 3, 3])]),
    );
    // The forward conv2dTranspose is Conv2DBackpropInput itself; its gradients are not.
    expect(q.kernelNames.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(1);
    expect(q.kernelNames).not.toContain('Conv2DBackpropFilter');
    tf.dispose([x, w, ...(q.result as tf.Tensor[])]);
  });
});
