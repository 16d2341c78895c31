// Test-only case table for binary-gradients.ts (used by binary-gradients.test.ts and the coverage
// test). Each broadcasting kernel is checked on equal shapes and on the broadcasts the brief asks
// for: [3,4] with [4], with [3,1] and with a scalar, plus both sides broadcast ([1,4] with [3,1]).
import * as tf from '@tensorflow/tfjs-core';
import type { GradientCase, InputSpec } from './describe-gradient-cases.js';

type Spec = Omit<InputSpec, 'shape'>;
const SHAPE_PAIRS: [number[], number[]][] = [
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [
    [3, 4],
    [3, 1],
  ],
  [[3, 4], []],
  [
    [1, 4],
    [3, 1],
  ],
  [[4], [2, 3, 4]],
];

function broadcasting(
  kernel: string,
  label: string,
  specA: Spec,
  specB: Spec,
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): GradientCase[] {
  return SHAPE_PAIRS.map(([sa, sb]) => ({
    kernel,
    name: `${label} [${sa}] with [${sb}]`,
    inputs: [
      { ...specA, shape: sa },
      { ...specB, shape: sb },
    ],
    f: (a: tf.Tensor, b: tf.Tensor) => f(a, b),
  }));
}

const any: Spec = { range: [-2, 2] };
const awayFromZero: Spec = { range: [0.5, 2], signed: true };
// Two interleaved grids: every a differs from every b by ≥ 0.4 (max/min are kinked where a = b).
const gridA: Spec = { choices: [-1.9, -1.1, -0.3, 0.5, 1.3, 2.1] };
const gridB: Spec = { choices: [-1.5, -0.7, 0.1, 0.9, 1.7] };

/** Finite-difference cases for every kernel in `binaryGradients`. */
export const binaryCases: GradientCase[] = [
  ...broadcasting('Add', 'add', any, any, (a, b) => tf.add(a, b)),
  ...broadcasting('Sub', 'sub', any, any, (a, b) => tf.sub(a, b)),
  ...broadcasting('Multiply', 'mul', any, any, (a, b) => tf.mul(a, b)),
  ...broadcasting('RealDiv', 'div, |b| ≥ 0.5', any, awayFromZero, (a, b) => tf.div(a, b)),
  ...broadcasting('Maximum', 'maximum', gridA, gridB, (a, b) => tf.maximum(a, b)),
  ...broadcasting('Minimum', 'minimum', gridA, gridB, (a, b) => tf.minimum(a, b)),
  ...broadcasting('SquaredDifference', 'squaredDifference', any, any, (a, b) =>
    tf.squaredDifference(a, b),
  ),
  ...broadcasting(
    'Pow',
    'pow, a in [0.5, 2], b in [-1.5, 2.5]',
    { range: [0.5, 2] },
    { range: [-1.5, 2.5] },
    (a, b) => tf.pow(a, b),
  ),
  {
    kernel: 'Pow',
    name: 'pow of a negative base to the constant power 3',
    inputs: [{ shape: [3, 4], range: [0.3, 2], signed: true }],
    f: (a) => tf.pow(a, tf.scalar(3)),
  },
  {
    // a / b stays ≥ 0.1 away from integers under ±eps steps of a or b: the gradient is 0.
    kernel: 'FloorDiv',
    name: 'floorDiv (zero gradient)',
    inputs: [
      { shape: [3, 4], choices: [0.7, 1.6, 2.5, -1.3, 3.4] },
      { shape: [4], choices: [2, 3] },
    ],
    f: (a, b) => tf.floorDiv(a, b),
  },
  {
    kernel: 'AddN',
    name: 'addN of three [3,4] tensors',
    inputs: [
      { shape: [3, 4], ...any },
      { shape: [3, 4], ...any },
      { shape: [3, 4], ...any },
    ],
    // Weighted so that a gradient routed to the wrong input shows.
    f: (a, b, c) => tf.addN([a, tf.mul(b, 2), tf.mul(c, -3)]),
  },
  {
    kernel: 'Select',
    name: 'where(condition, a, b) [3,4]',
    inputs: [
      { shape: [3, 4], ...any },
      { shape: [3, 4], ...any },
    ],
    f: (a, b) => {
      const cond = tf.tensor([1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0], [3, 4], 'bool');
      return tf.where(cond, a, tf.mul(b, 3));
    },
  },
  {
    kernel: 'Select',
    name: 'where with a condition [3,1] and b [4] broadcast',
    inputs: [
      { shape: [3, 4], ...any },
      { shape: [4], ...any },
    ],
    f: (a, b) => tf.where(tf.tensor([[true], [false], [true]]), a, b),
  },
];
