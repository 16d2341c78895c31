import { InvalidArgumentError, requireKnownOptions, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/** Element-wise activations that layers accept by name. */
export type ActivationName =
  | 'relu'
  | 'leakyRelu'
  | 'elu'
  | 'tanh'
  | 'sigmoid'
  | 'softplus'
  | 'linear';

/** Every {@link ActivationName}. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'relu',
  'leakyRelu',
  'elu',
  'tanh',
  'sigmoid',
  'softplus',
  'linear',
];

/** Options of {@link getActivation}. */
export interface ActivationOptions {
  /** Slope for x < 0 of `'leakyRelu'`. Default 0.01 (PyTorch's; tfjs's own default is 0.2). */
  negativeSlope?: number;
}

/**
 * The element-wise function for an activation name:
 *
 * - `relu`: max(x, 0); `leakyRelu`: x if x > 0 else `negativeSlope`·x;
 * - `elu`: x if x > 0 else eˣ − 1 (α = 1, as PyTorch's and Keras's default);
 * - `tanh`; `sigmoid`: 1 / (1 + e⁻ˣ); `softplus`: log(1 + eˣ) (β = 1, no threshold);
 * - `linear`: the identity (returns the input tensor itself, not a copy).
 *
 * Each maps one kernel with a gradient in latentkit's registry.
 *
 * @param name - An {@link ActivationName}.
 * @param options - See {@link ActivationOptions}.
 * @throws {@link UnknownOptionError} for an unknown name.
 * @throws {@link InvalidArgumentError} for a non-finite `negativeSlope`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { getActivation, tf } from '@latentkit/tensor';
 *
 * const leaky = getActivation('leakyRelu', { negativeSlope: 0.2 });
 * leaky(tf.tensor([-1, 0, 2])); // → [-0.2, 0, 2]
 * ```
 */
export function getActivation(
  name: ActivationName,
  options: ActivationOptions = {},
): (x: tf.Tensor) => tf.Tensor {
  requireKnownOptions(options, ['negativeSlope'], 'getActivation options');
  switch (name) {
    case 'relu':
      return (x) => tf.relu(x);
    case 'leakyRelu': {
      const slope = options.negativeSlope ?? 0.01;
      if (!Number.isFinite(slope)) {
        throw new InvalidArgumentError('negativeSlope', `must be finite, got ${slope}`);
      }
      return (x) => tf.leakyRelu(x, slope);
    }
    case 'elu':
      return (x) => tf.elu(x);
    case 'tanh':
      return (x) => tf.tanh(x);
    case 'sigmoid':
      return (x) => tf.sigmoid(x);
    case 'softplus':
      return (x) => tf.softplus(x);
    case 'linear':
      return (x) => x;
    default:
      throw new UnknownOptionError('activation', name, ACTIVATION_NAMES);
  }
}
