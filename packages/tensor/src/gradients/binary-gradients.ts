import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { reduceToShape } from './reduce-to-shape.js';

type T = tf.Tensor;
const f32 = (b: T): T => tf.cast(b, 'float32');

/** Two-input broadcasting element-wise gradient from (dy, a, b) to (da, db), before reduction. */
function binary(kernelName: string, fn: (dy: T, a: T, b: T) => [T, T]): GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [T, T];
      return {
        a: () => reduceToShape(fn(dy as T, a, b)[0], a.shape),
        b: () => reduceToShape(fn(dy as T, a, b)[1], b.shape),
      };
    },
  };
}

/** Gradients of element-wise binary kernels (with broadcasting). */
export const binaryGradients: GradConfig[] = [
  binary('Add', (dy) => [dy, dy]),
  binary('Sub', (dy) => [dy, tf.neg(dy)]),
  binary('Multiply', (dy, a, b) => [tf.mul(dy, b), tf.mul(dy, a)]),
  binary('RealDiv', (dy, a, b) => [tf.div(dy, b), tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))]),
  binary('Maximum', (dy, a, b) => [
    tf.mul(dy, f32(tf.greaterEqual(a, b))),
    tf.mul(dy, f32(tf.less(a, b))),
  ]),
  binary('Minimum', (dy, a, b) => [
    tf.mul(dy, f32(tf.lessEqual(a, b))),
    tf.mul(dy, f32(tf.greater(a, b))),
  ]),
  binary('SquaredDifference', (dy, a, b) => {
    const d = tf.mul(tf.sub(a, b), 2);
    return [tf.mul(dy, d), tf.neg(tf.mul(dy, d))];
  }),
  binary('Pow', (dy, a, b) => {
    const da = tf.mul(dy, tf.mul(b, tf.pow(a, tf.sub(b, 1))));
    const positive = tf.greater(a, 0);
    const logA = tf.where(positive, tf.log(tf.where(positive, a, tf.onesLike(a))), tf.zerosLike(a));
    const db = tf.mul(dy, tf.mul(tf.pow(a, b), logA));
    return [da, db];
  }),
  binary('FloorDiv', (dy, a, b) => [tf.zerosLike(tf.add(dy, a)), tf.zerosLike(tf.add(dy, b))]),
  {
    kernelName: 'AddN',
    saveAllInputs: true,
    gradFunc: (dy, saved) => {
      const out: Record<string, () => T> = {};
      saved.forEach((_, i) => {
        out[i] = () => tf.clone(dy as T);
      });
      return out;
    },
  },
  {
    kernelName: 'Select',
    inputsToSave: ['condition'],
    gradFunc: (dy, saved) => {
      const [cond] = saved as [T];
      const g = dy as T;
      return {
        condition: () => tf.cast(tf.zerosLike(cond), 'float32'),
        t: () => tf.where(cond, g, tf.zerosLike(g)),
        e: () => tf.where(cond, tf.zerosLike(g), g),
      };
    },
  },
];
