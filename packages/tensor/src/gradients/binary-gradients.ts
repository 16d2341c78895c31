import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { owned, reduceToShape } from './reduce-to-shape.js';

type T = tf.Tensor;
const f32 = (b: T): T => tf.cast(b, 'float32');

/**
 * Two-input broadcasting element-wise gradient. `da` and `db` give each input's gradient before
 * reduction to its shape; each is computed only when tfjs asks for it.
 */
function binary(
  kernelName: string,
  da: (dy: T, a: T, b: T) => T,
  db: (dy: T, a: T, b: T) => T,
): GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [T, T];
      return {
        a: () => owned(reduceToShape(da(dy as T, a, b), a.shape), dy as T),
        b: () => owned(reduceToShape(db(dy as T, a, b), b.shape), dy as T),
      };
    },
  };
}

/** Gradients of element-wise binary kernels (with broadcasting). */
export const binaryGradients: GradConfig[] = [
  binary(
    'Add',
    (dy) => dy,
    (dy) => dy,
  ),
  binary(
    'Sub',
    (dy) => dy,
    (dy) => tf.neg(dy),
  ),
  binary(
    'Multiply',
    (dy, _a, b) => tf.mul(dy, b),
    (dy, a) => tf.mul(dy, a),
  ),
  binary(
    'RealDiv',
    (dy, _a, b) => tf.div(dy, b),
    (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b))),
  ),
  binary(
    'Maximum',
    (dy, a, b) => tf.mul(dy, f32(tf.greaterEqual(a, b))),
    (dy, a, b) => tf.mul(dy, f32(tf.less(a, b))),
  ),
  binary(
    'Minimum',
    (dy, a, b) => tf.mul(dy, f32(tf.lessEqual(a, b))),
    (dy, a, b) => tf.mul(dy, f32(tf.greater(a, b))),
  ),
  binary(
    'SquaredDifference',
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(a, b), 2)),
    (dy, a, b) => tf.mul(dy, tf.mul(tf.sub(b, a), 2)),
  ),
  binary(
    'Pow',
    (dy, a, b) => tf.mul(dy, tf.mul(b, tf.pow(a, tf.sub(b, 1)))),
    (dy, a, b) => {
      // d(a^b)/db = a^b · log a, taken as 0 where a ≤ 0 (log undefined), as tfjs does.
      const positive = tf.greater(a, 0);
      const logA = tf.where(
        positive,
        tf.log(tf.where(positive, a, tf.onesLike(a))),
        tf.zerosLike(a),
      );
      return tf.mul(dy, tf.mul(tf.pow(a, b), logA));
    },
  ),
  binary(
    'FloorDiv',
    (dy, a) => tf.zerosLike(tf.add(dy, a)),
    (dy, _a, b) => tf.zerosLike(tf.add(dy, b)),
  ),
  {
    kernelName: 'AddN',
    saveAllInputs: true,
    gradFunc: (dy, saved) => {
      const out: Record<string, () => T> = {};
      saved.forEach((_, i) => {
        out[i] = () => owned(dy as T, dy as T);
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
