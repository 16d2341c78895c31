// Test-only case table for reduction-gradients.ts (used by reduction-gradients.test.ts and the
// coverage test): single and multiple axes, negative axes, all axes, keepDims true and false.
import * as tf from '@tensorflow/tfjs-core';
import type { GradientCase, InputSpec } from './describe-gradient-cases.js';

const X: InputSpec = { shape: [2, 3, 4], range: [-2, 2] };
// 24 values 0.17 apart, shuffled: no ties, and a ±1e-2 step never changes which one is largest.
const DISTINCT: InputSpec = { shape: [2, 3, 4], range: [-2, 2], distinct: true };
const AXES: (number | number[] | null)[] = [null, 0, 1, -1, [0, 2], [1, 2]];

function reductions(
  kernel: string,
  label: string,
  input: InputSpec,
  f: (x: tf.Tensor, axis: number | number[] | undefined, keepDims: boolean) => tf.Tensor,
): GradientCase[] {
  return AXES.flatMap((axis) =>
    [false, true].map((keepDims) => ({
      kernel,
      name: `${label} axis ${JSON.stringify(axis)} keepDims ${keepDims}`,
      inputs: [input],
      f: (x: tf.Tensor) => f(x, axis ?? undefined, keepDims),
    })),
  );
}

/** Finite-difference cases for every kernel in `reductionGradients`. */
export const reductionCases: GradientCase[] = [
  ...reductions('Sum', 'sum', X, (x, a, k) => tf.sum(x, a, k)),
  ...reductions('Mean', 'mean', X, (x, a, k) => tf.mean(x, a, k)),
  ...reductions('Max', 'max', DISTINCT, (x, a, k) => tf.max(x, a, k)),
  ...reductions('Min', 'min', DISTINCT, (x, a, k) => tf.min(x, a, k)),
  {
    kernel: 'Softmax',
    name: 'softmax [3,5] over the last axis',
    inputs: [{ shape: [3, 5], range: [-2, 2] }],
    f: (x) => tf.softmax(x),
  },
  {
    kernel: 'Softmax',
    name: 'softmax [2,3,4] over the last axis',
    inputs: [{ shape: [2, 3, 4], range: [-3, 3] }],
    f: (x) => tf.softmax(x, -1),
  },
  {
    kernel: 'Softmax',
    name: 'log of softmax (cross-entropy-like)',
    inputs: [{ shape: [4, 6], range: [-2, 2] }],
    f: (x) => tf.log(tf.softmax(x)),
  },
];
