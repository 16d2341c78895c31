import { conv2dFilterGrad, tf } from '@latentkit/tensor';

// A stride-1 'valid' NHWC convolution with its gradients written as convolutions. Hand-written
// because, on the PixelCNN's small grids, the registry's Conv2D gradient is slow on tfjs-wasm
// 4.22: its input gradient uses conv2dTranspose, 6–13× slower than the equivalent conv2d with the
// flipped filter (899 ms against 154 ms for a [64, 7, 7, 32] input, 7×7×32×128 filter), and its
// im2col filter gradient (one strided slice per tap) is 3–5× slower than one conv2d over the
// batch axis for kernels of ≥ 3 taps (136 ms against 24 ms for a 3×7×32×64 filter, batch 64).

type T = tf.Tensor;

/** The filter flipped in both spatial axes with its channel axes swapped: `[kh, kw, out, in]`. */
function flipFilter(w: T): T {
  return tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
}

/** dL/dx of y = conv_valid(x, w): the full correlation of dy with the flipped filter. */
function inputGrad(dy: T, w: T): T {
  const [kh, kw] = w.shape as [number, number, number, number];
  const padded = tf.pad(dy, [
    [0, 0],
    [kh - 1, kh - 1],
    [kw - 1, kw - 1],
    [0, 0],
  ]);
  return tf.conv2d(padded as tf.Tensor4D, flipFilter(w) as tf.Tensor4D, 1, 'valid');
}

/**
 * dL/dw of y = conv_valid(x, w): Σ over batch and positions of x-patch ⊗ dy, computed as one
 * convolution of x (batch axis as channels) with dy as the filter when the kernel has ≥ 3 taps,
 * else by the im2col product of `conv2dFilterGrad` (cheaper for 1–2 taps).
 */
function filterGrad(x: T, dy: T, shape: [number, number, number, number]): T {
  if (shape[0] * shape[1] < 3) return conv2dFilterGrad(x, dy, shape, 1, 'valid');
  const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H, W, N]
  const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [OH, OW, N, Cout]
  return tf.transpose(tf.conv2d(xt, f, 1, 'valid'), [1, 2, 0, 3]); // [kh, kw, Cin, Cout]
}

const conv = tf.customGrad(((x: T, w: T, save: tf.GradSaveFunc) => {
  save([x, w]);
  const value = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid');
  const gradFunc = (dy: T, saved: T[]): T[] => {
    const [xs, ws] = saved as [T, T];
    return [inputGrad(dy, ws), filterGrad(xs, dy, ws.shape as [number, number, number, number])];
  };
  return { value, gradFunc };
}) as Parameters<typeof tf.customGrad>[0]) as (x: T, w: T) => T;

/**
 * `tf.conv2d(x, w, 1, 'valid')` (NHWC, stride 1, dilation 1) whose gradients are plain
 * convolutions: d/dx is the correlation of the zero-padded output gradient with the flipped
 * filter, d/dw a convolution over the batch axis (see `filterGrad`). Same values as the
 * registry's Conv2D gradient (up to summation order), several times faster on wasm.
 *
 * @param x - Input `[N, H, W, Cin]`, `H ≥ kh`, `W ≥ kw` (the caller checks).
 * @param w - Filter `[kh, kw, Cin, Cout]`.
 * @returns `[N, H − kh + 1, W − kw + 1, Cout]`.
 * @internal
 */
export function validConv2d(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return conv(x, w) as tf.Tensor4D;
}
