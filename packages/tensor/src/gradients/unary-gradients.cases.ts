// Test-only case table for unary-gradients.ts (used by unary-gradients.test.ts and the coverage
// test). Inputs stay at least 0.1 away from kinks and jumps, 10× the finite-difference step.
import * as tf from '@tensorflow/tfjs-core';
import type { GradientCase, InputSpec } from './describe-gradient-cases.js';

const S = [3, 4];
const any: InputSpec = { shape: S, range: [-2, 2] };
const awayFromZero: InputSpec = { shape: S, range: [0.2, 2], signed: true };
const positive: InputSpec = { shape: S, range: [0.3, 3] };
/** Fractional parts in [0.15, 0.35] ∪ [0.65, 0.85]: far from integers and from .5 (round's jump). */
const offGrid: InputSpec = {
  shape: S,
  values: [-2.3, -1.7, -0.8, -0.3, 0.2, 0.7, 1.15, 1.8, 2.35, -2.75, 0.3, 2.65],
};

function one(kernel: string, name: string, input: InputSpec, f: (x: tf.Tensor) => tf.Tensor) {
  return { kernel, name, inputs: [input], f: (x: tf.Tensor) => f(x) } satisfies GradientCase;
}

/** Finite-difference cases for every kernel in `unaryGradients`. */
export const unaryCases: GradientCase[] = [
  one('Identity', 'clone', any, (x) => tf.clone(x)),
  one('Cast', 'cast float32 → float32', any, (x) => tf.cast(x, 'float32')),
  one('Neg', 'neg', any, (x) => tf.neg(x)),
  one('Abs', 'abs, |x| ≥ 0.2', awayFromZero, (x) => tf.abs(x)),
  one('Exp', 'exp on [-1.5, 1.5]', { shape: S, range: [-1.5, 1.5] }, (x) => tf.exp(x)),
  one('Log', 'log on [0.3, 3]', positive, (x) => tf.log(x)),
  one('Log1p', 'log1p on [-0.5, 2]', { shape: S, range: [-0.5, 2] }, (x) => tf.log1p(x)),
  one('Sqrt', 'sqrt on [0.3, 3]', positive, (x) => tf.sqrt(x)),
  one('Rsqrt', 'rsqrt on [0.3, 3]', positive, (x) => tf.rsqrt(x)),
  one('Square', 'square', any, (x) => tf.square(x)),
  one('Reciprocal', 'reciprocal, |x| ≥ 0.4', { ...awayFromZero, range: [0.4, 2] }, (x) =>
    tf.reciprocal(x),
  ),
  one('Sigmoid', 'sigmoid on [-3, 3]', { shape: S, range: [-3, 3] }, (x) => tf.sigmoid(x)),
  one('Tanh', 'tanh on [-2, 2]', any, (x) => tf.tanh(x)),
  one('Softplus', 'softplus on [-3, 3]', { shape: S, range: [-3, 3] }, (x) => tf.softplus(x)),
  one('Relu', 'relu, |x| ≥ 0.1', { shape: S, range: [0.1, 2], signed: true }, (x) => tf.relu(x)),
  one(
    'Relu6',
    'relu6 on both sides of 0 and 6',
    { shape: S, values: [-2, -0.5, 0.3, 1, 2.5, 4, 5.5, 6.5, 7, -1, 3, 8] },
    (x) => tf.relu6(x),
  ),
  one('LeakyRelu', 'leakyRelu alpha 0.2', { ...awayFromZero, range: [0.1, 2] }, (x) =>
    tf.leakyRelu(x, 0.2),
  ),
  one('Elu', 'elu, |x| ≥ 0.1', { ...awayFromZero, range: [0.1, 2] }, (x) => tf.elu(x)),
  one('Erf', 'erf on [-2, 2]', any, (x) => tf.erf(x)),
  one('Sin', 'sin on [-3, 3]', { shape: S, range: [-3, 3] }, (x) => tf.sin(x)),
  one('Cos', 'cos on [-3, 3]', { shape: S, range: [-3, 3] }, (x) => tf.cos(x)),
  one(
    'ClipByValue',
    'clipByValue(-1, 1.5) inside and outside',
    { shape: S, values: [-2, -1.3, -0.8, -0.2, 0.4, 1.1, 1.4, 1.7, 2.5, -0.5, 0.9, -1.6] },
    (x) => tf.clipByValue(x, -1, 1.5),
  ),
  one('Sign', 'sign (zero gradient)', awayFromZero, (x) => tf.sign(x)),
  one('Floor', 'floor (zero gradient)', offGrid, (x) => tf.floor(x)),
  one('Ceil', 'ceil (zero gradient)', offGrid, (x) => tf.ceil(x)),
  one('Round', 'round (zero gradient)', offGrid, (x) => tf.round(x)),
  one('Step', 'step alpha 0.3 (zero gradient)', awayFromZero, (x) => tf.step(x, 0.3)),
  one('ZerosLike', 'zerosLike (zero gradient)', any, (x) => tf.zerosLike(x)),
  one('OnesLike', 'onesLike (zero gradient)', any, (x) => tf.onesLike(x)),
  // Smooth unary ops composed, so a wrong saved output (x vs y) in one of them cannot hide.
  one('Tanh', 'tanh(exp(x)) composed', { shape: S, range: [-1, 0.5] }, (x) => tf.tanh(tf.exp(x))),
];
