import { InvalidArgumentError } from '@latentkit/core';

/** Fan-in and fan-out of a weight tensor, as used by variance-scaling initializers. */
export interface Fans {
  /** Number of inputs that feed one output unit. */
  fanIn: number;
  /** Number of outputs one input unit feeds. */
  fanOut: number;
}

/**
 * Fan-in and fan-out of a weight of the given shape, for latentkit's weight layouts
 * (inputs on the second-to-last axis, outputs on the last axis, any leading axes are the
 * receptive field):
 *
 * - dense `[in, out]`: `fanIn = in`, `fanOut = out`;
 * - conv2d filter `[kh, kw, cin, cout]`: `fanIn = kh·kw·cin`, `fanOut = kh·kw·cout`;
 * - conv2dTranspose filter `[kh, kw, cout, cin]` (tfjs/Keras layout): `fanIn = kh·kw·cout`,
 *   `fanOut = kh·kw·cin` — the same numbers PyTorch computes for `ConvTranspose2d`
 *   (it reads fan-in from axis 1 of its `[cin, cout, kh, kw]` weight).
 *
 * These equal PyTorch's `_calculate_fan_in_and_fan_out` on the transposed PyTorch layouts
 * (`[out, in]`, `[cout, cin, kh, kw]`).
 *
 * @param shape - Weight shape, rank ≥ 2, positive integer sizes.
 * @throws {@link InvalidArgumentError} for rank < 2 (a bias has no fans: pass `fanIn`
 *   explicitly to the initializer) or a non-positive size.
 *
 * @example
 * ```ts
 * import { computeFans } from '@latentkit/tensor';
 *
 * computeFans([784, 400]); // dense [in, out] → { fanIn: 784, fanOut: 400 }
 * computeFans([3, 3, 1, 32]); // conv2d [kh, kw, cin, cout] → { fanIn: 9, fanOut: 288 }
 * ```
 */
export function computeFans(shape: readonly number[]): Fans {
  if (shape.length < 2) {
    throw new InvalidArgumentError(
      'shape',
      `fans need a weight of rank ≥ 2, got [${shape.join(', ')}]; pass fanIn/fanOut explicitly`,
    );
  }
  if (shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new InvalidArgumentError(
      'shape',
      `sizes must be positive integers, got [${shape.join(', ')}]`,
    );
  }
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    fanIn: shape[shape.length - 2]! * receptive,
    fanOut: shape[shape.length - 1]! * receptive,
  };
}
