import * as tf from '@tensorflow/tfjs-core';
import type { ConvPad, DimRounding } from '../gradients/conv-axes.js';
import { conv2dFilterGrad } from '../gradients/conv-filter-grad.js';
import { conv2dInputGrad } from '../gradients/conv-input-grad.js';
import { conv2dGemm } from '../kernels/conv2d-gemm.js';

/**
 * `tf.conv2dTranspose(x, filter, outputShape, strides, pad, dimRoundingMode)` (NHWC, dilation 1)
 * computed with tfjs's fast `Conv2D` kernel instead of `Conv2DBackpropInput`: a transposed
 * convolution is the input gradient of the convolution it transposes, which the internal
 * `conv2dInputGrad` writes as one stride-1 `conv2d` and a pixel shuffle (on tfjs-wasm with SIMD:
 * one GEMM `x·Wᵀ` and a SIMD col2im, the `LatentkitConv2DInputGrad` kernel). Its gradients are
 * those of `Conv2DBackpropInput` (a `conv2d` for `x`, {@link conv2dFilterGrad} for the filter),
 * attached with `tf.customGrad`.
 *
 * Why: tfjs-wasm's `Conv2DBackpropInput` kernel is a plain loop, 5–10× slower than this on a
 * VQ-VAE decoder's upsampling (e.g. 7×7×64 → 14×14×32, 3×3, stride 2, batch 128: ~95 ms
 * against ~15 ms of CPU, measured with `bench/conv-grad-bench.ts`). Values agree with
 * `tf.conv2dTranspose` to float32 rounding on every backend.
 *
 * @param x - Input `[N, H, W, Cin]`.
 * @param filter - `[kh, kw, Cout, Cin]` (tfjs's transposed-convolution layout).
 * @param outputShape - `[N, OH, OW, Cout]`: the input shape of the convolution being transposed,
 *   which must map it back to `[N, H, W, ·]`.
 * @param strides - `s` or `[sh, sw]`.
 * @param pad - Padding of the convolution being transposed (`'same'`, `'valid'`, a number or
 *   explicit padding).
 * @param dimRoundingMode - Rounding mode for a numeric `pad`.
 * @returns `[N, OH, OW, Cout]`.
 * @throws `ShapeError` when `x` is not what a convolution of `outputShape` by `filter`
 *   gives (or the channel counts differ).
 */
export function conv2dTransposeByConv(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  outputShape: readonly [number, number, number, number],
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode?: DimRounding,
): tf.Tensor4D {
  const op = tf.customGrad(((xs: tf.Tensor4D, w: tf.Tensor4D, save: tf.GradSaveFunc) => {
    save([xs, w]);
    return {
      value: conv2dInputGrad(xs, w, outputShape, strides, pad, dimRoundingMode),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
        return [
          conv2dGemm(dy, sw, strides, pad, dimRoundingMode),
          conv2dFilterGrad(
            dy,
            sx,
            sw.shape as [number, number, number, number],
            strides,
            pad,
            1,
            dimRoundingMode,
          ),
        ];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, filter) as tf.Tensor4D;
}
