import type { GradConfig, NamedAttrMap } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { reluGrad } from '../kernels/relu-grad-kernel.js';
import { owned } from './reduce-to-shape.js';

type T = tf.Tensor;
const f32 = (b: T): T => tf.cast(b, 'float32');

/** One-input, one-output element-wise gradient, written as d(input) from (dy, x, y). */
function unary(
  kernelName: string,
  fn: (dy: T, x: T, y: T | undefined, attrs: NamedAttrMap) => T,
  saveOutput = false,
): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    ...(saveOutput ? { outputsToSave: [true] } : {}),
    gradFunc: (dy, saved, attrs) => {
      const [x, y] = saved as T[];
      return { x: () => fn(dy as T, x!, y, attrs) };
    },
  };
}

const zero = (dy: T): T => tf.zerosLike(dy);

/** Gradients of element-wise unary kernels. */
export const unaryGradients: GradConfig[] = [
  // Pass-through gradients: a new handle on dy's data (see `owned`), not a copy.
  unary('Identity', (dy) => owned(dy, dy)),
  unary('Cast', (dy) => owned(dy, dy)),
  unary('Neg', (dy) => tf.neg(dy)),
  unary('Abs', (dy, x) => tf.mul(dy, tf.sign(x))),
  unary('Exp', (dy, _x, y) => tf.mul(dy, y!), true),
  unary('Log', (dy, x) => tf.div(dy, x)),
  unary('Log1p', (dy, x) => tf.div(dy, tf.add(x, 1))),
  unary('Sqrt', (dy, _x, y) => tf.div(dy, tf.mul(y!, 2)), true),
  unary('Rsqrt', (dy, _x, y) => tf.mul(dy, tf.mul(tf.pow(y!, 3), -0.5)), true),
  unary('Square', (dy, x) => tf.mul(dy, tf.mul(x, 2))),
  unary('Reciprocal', (dy, x) => tf.neg(tf.div(dy, tf.square(x)))),
  unary('Sigmoid', (dy, _x, y) => tf.mul(dy, tf.mul(y!, tf.sub(1, y!))), true),
  unary('Tanh', (dy, _x, y) => tf.mul(dy, tf.sub(1, tf.square(y!))), true),
  unary('Softplus', (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  unary('Relu', (dy, x) => reluGrad(dy, x)),
  unary('Relu6', (dy, x) => tf.mul(dy, f32(tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6))))),
  unary('LeakyRelu', (dy, x, _y, attrs) =>
    tf.mul(dy, tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, attrs.alpha as number))),
  ),
  unary(
    'Elu',
    (dy, _x, y) => tf.mul(dy, tf.where(tf.greater(y!, 0), tf.onesLike(y!), tf.add(y!, 1))),
    true,
  ),
  unary('Erf', (dy, x) => tf.mul(dy, tf.mul(tf.exp(tf.neg(tf.square(x))), 2 / Math.sqrt(Math.PI)))),
  unary('Sin', (dy, x) => tf.mul(dy, tf.cos(x))),
  unary('Cos', (dy, x) => tf.neg(tf.mul(dy, tf.sin(x)))),
  unary('ClipByValue', (dy, x, _y, attrs) => {
    const inside = tf.logicalAnd(
      tf.greaterEqual(x, attrs.clipValueMin as number),
      tf.lessEqual(x, attrs.clipValueMax as number),
    );
    return tf.mul(dy, f32(inside));
  }),
  unary('Sign', zero),
  unary('Floor', zero),
  unary('Ceil', zero),
  unary('Round', zero),
  unary('Step', zero),
  unary('ZerosLike', zero),
  unary('OnesLike', zero),
];
