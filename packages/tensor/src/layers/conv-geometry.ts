import { InvalidArgumentError } from '@latentkit/core';

/**
 * Padding of a convolution: `'valid'` (none), `'same'` (TensorFlow/Keras rule: output length
 * ⌈n / stride⌉, the extra row/column of padding — if any — goes at the bottom/right, unlike
 * PyTorch's symmetric `padding`), or a number p of zero rows/columns added on every side
 * (PyTorch's `padding=p`).
 */
export type ConvPadding = 'same' | 'valid' | number;

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) {
    throw new InvalidArgumentError(name, `must be a positive integer, got ${v}`);
  }
}

function checkPadding(padding: ConvPadding): void {
  if (padding === 'same' || padding === 'valid') return;
  if (typeof padding !== 'number' || !Number.isInteger(padding) || padding < 0) {
    throw new InvalidArgumentError(
      'padding',
      `must be 'same', 'valid' or a non-negative integer, got ${JSON.stringify(padding)}`,
    );
  }
}

/**
 * Output length along one spatial axis of a convolution (dilation 1):
 * `'valid'`: ⌊(n − k) / s⌋ + 1; `'same'`: ⌈n / s⌉; number p: ⌊(n + 2p − k) / s⌋ + 1
 * (PyTorch's `Conv2d` formula). A result < 1 means the input is too small.
 *
 * @param n - Input length. @param k - Kernel length. @param s - Stride.
 * @param padding - See {@link ConvPadding}.
 * @throws {@link InvalidArgumentError} for a non-positive size, kernel or stride, or bad padding.
 *
 * @example
 * ```ts
 * import { convOutputLength } from '@latentkit/tensor';
 *
 * convOutputLength(28, 4, 2, 1); // ⌊(28 + 2 − 4) / 2⌋ + 1 → 14
 * convOutputLength(28, 3, 2, 'same'); // ⌈28 / 2⌉ → 14
 * convOutputLength(28, 3, 1, 'valid'); // → 26
 * ```
 */
export function convOutputLength(n: number, k: number, s: number, padding: ConvPadding): number {
  positiveInt('input length', n);
  positiveInt('kernelSize', k);
  positiveInt('stride', s);
  checkPadding(padding);
  if (padding === 'same') return Math.ceil(n / s);
  const p = padding === 'valid' ? 0 : padding;
  return Math.floor((n + 2 * p - k) / s) + 1;
}

/**
 * Output length along one spatial axis of a transposed convolution (dilation 1), chosen so
 * that a convolution with the same kernel, stride and padding maps it back to `n`:
 *
 * - number p: (n − 1)·s − 2p + k + outputPadding — PyTorch's `ConvTranspose2d` formula;
 * - `'valid'`: the same with p = 0, (n − 1)·s + k + outputPadding (Keras gives n·s + max(k − s, 0),
 *   which agrees whenever k ≥ s and outputPadding = 0);
 * - `'same'`: n·s (Keras's choice); `outputPadding` must be 0.
 *
 * `outputPadding` (default 0, must be < s) picks among the several lengths that a strided
 * convolution maps to the same `n`.
 *
 * @throws {@link InvalidArgumentError} for bad sizes, padding or outputPadding, or a result < 1.
 *
 * @example
 * ```ts
 * import { convTransposeOutputLength } from '@latentkit/tensor';
 *
 * convTransposeOutputLength(14, 4, 2, 1); // (14 − 1)·2 − 2 + 4 → 28
 * convTransposeOutputLength(7, 3, 2, 1, 1); // (7 − 1)·2 − 2 + 3 + 1 → 14
 * ```
 */
export function convTransposeOutputLength(
  n: number,
  k: number,
  s: number,
  padding: ConvPadding,
  outputPadding = 0,
): number {
  positiveInt('input length', n);
  positiveInt('kernelSize', k);
  positiveInt('stride', s);
  checkPadding(padding);
  if (!Number.isInteger(outputPadding) || outputPadding < 0 || outputPadding >= s) {
    throw new InvalidArgumentError(
      'outputPadding',
      `must be an integer in [0, stride = ${s}), got ${outputPadding}`,
    );
  }
  if (padding === 'same') {
    if (outputPadding !== 0) {
      throw new InvalidArgumentError('outputPadding', "must be 0 with padding 'same'");
    }
    return n * s;
  }
  const p = padding === 'valid' ? 0 : padding;
  const out = (n - 1) * s - 2 * p + k + outputPadding;
  if (out < 1) {
    throw new InvalidArgumentError(
      'padding',
      `${p} is too large: output length ${out} for input ${n}, kernel ${k}, stride ${s}`,
    );
  }
  return out;
}
