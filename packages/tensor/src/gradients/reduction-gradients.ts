import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

type T = tf.Tensor;

/** Shape of `x` with the reduced axes kept as size 1 (to broadcast a reduced gradient back). */
function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

function axesOf(axis: unknown, shape: number[]): number[] {
  return tf.util.parseAxisParam((axis ?? null) as number | number[], shape);
}

function extremum(kernelName: string, axisAttr: string): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, y] = saved as [T, T];
      const axes = axesOf(attrs[axisAttr], x.shape);
      const kept = keptShape(x.shape, axes);
      return {
        x: () => {
          const mask = tf.cast(tf.equal(x, tf.reshape(y, kept)), 'float32');
          return tf.mul(tf.reshape(dy as T, kept), mask);
        },
      };
    },
  };
}

/** Gradients of reduction kernels and softmax. */
export const reductionGradients: GradConfig[] = [
  {
    kernelName: 'Sum',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [T];
      const kept = keptShape(x.shape, axesOf(attrs.axis, x.shape));
      return { x: () => tf.mul(tf.reshape(dy as T, kept), tf.ones(x.shape)) };
    },
  },
  {
    kernelName: 'Mean',
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [T];
      const axes = axesOf(attrs.axis, x.shape);
      const count = axes.reduce((n, a) => n * (x.shape[a] ?? 1), 1);
      const kept = keptShape(x.shape, axes);
      return { x: () => tf.mul(tf.reshape(dy as T, kept), tf.fill(x.shape, 1 / count)) };
    },
  },
  extremum('Max', 'reductionIndices'),
  extremum('Min', 'axis'),
  {
    kernelName: 'Softmax',
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [y] = saved as [T];
      const dim = attrs.dim as number;
      return {
        logits: () => {
          const g = tf.mul(dy as T, y);
          return tf.sub(g, tf.mul(tf.sum(g, dim, true), y));
        },
      };
    },
  },
];
