import * as tf from '@tensorflow/tfjs-core';
import { type ConvPad, convAxes, type DimRounding, pair } from '../gradients/conv-axes.js';
import {
  type Conv2DGemmAttrs,
  LATENTKIT_CONV2D_GEMM,
  registerConv2DGemmKernel,
} from './conv2d-gemm-kernel.js';

/**
 * Largest product depth kh·kw·Cin given to the GEMM kernel: up to 1152 (a PixelCNN's 3×3 × 128)
 * it was 1.1–1.4× faster than XNNPACK (or equal); beyond (7×7 × 128: 2688–6272) equal or up to
 * 10% slower, so XNNPACK keeps those (`bench/conv-forward-gemm-bench.ts`).
 */
const MAX_DEPTH = 1152;

/** Target bytes of one im2col block (im2col rows + output rows of the block's images). */
const BLOCK_BYTES = 256 * 1024;

/**
 * `tf.conv2d(x, filter, strides, pad, 'NHWC', 1, dimRoundingMode)`: on tfjs-wasm with SIMD,
 * latentkit's im2col + GEMM kernel ({@link LATENTKIT_CONV2D_GEMM}: the same float32 sums as
 * XNNPACK's `Conv2D`, bit-identical in the measured cases, 1.1–2× faster on a conv VQ-VAE's
 * shapes in `bench/conv-forward-gemm-bench.ts`) when kh·kw·Cin ≤ 1152; elsewhere the same kernel
 * runs the backend's own `Conv2D`. Deeper products, and backends the kernel is not registered
 * for, get `tf.conv2d` itself.
 * Differentiable once latentkit's gradients are registered (`initBackend` does it): the kernel's
 * gradient is the `Conv2D` one (`conv2dInputGrad`, `conv2dFilterGrad`).
 *
 * @param x - `[N, H, W, Cin]`.
 * @param filter - `[kh, kw, Cin, Cout]`.
 * @param strides - `s` or `[sh, sw]`.
 * @param pad - As tfjs's `Conv2D` takes it.
 * @param dimRoundingMode - Rounding mode for a numeric `pad`.
 * @param bias - Optional `[Cout]` added to every output position: inside the GEMM's epilogue on
 *   tfjs-wasm (no separate broadcast `Add` over the output, ~0.9 ms CPU on a `[128, 14, 14, 32]`
 *   output), a `tf.add` elsewhere; its gradient is the sum of `dy` over all but the last axis.
 * @returns `[N, OH, OW, Cout]`.
 * @throws Error (from tfjs) when the shapes do not describe a convolution.
 */
export function conv2dGemm(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode?: DimRounding,
  bias?: tf.Tensor1D,
): tf.Tensor4D {
  registerConv2DGemmKernel();
  const [fh, fw, fin] = filter.shape;
  const stock = () => {
    const z = tf.conv2d(x, filter, strides, pad, 'NHWC', 1, dimRoundingMode);
    return bias ? (tf.add(z, bias) as tf.Tensor4D) : z;
  };
  if (
    tf.getKernel(LATENTKIT_CONV2D_GEMM, tf.getBackend()) === undefined ||
    fh * fw * fin > MAX_DEPTH
  ) {
    return stock();
  }
  const [ah, aw] = convAxes(x.shape, filter.shape, pair(strides), pad, dimRoundingMode);
  const [kh, kw, cin, cout] = filter.shape;
  if (x.shape[3] !== cin || (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== cout))) {
    // Let tfjs raise its own shape error.
    return stock();
  }
  const perImage = ah.out * aw.out * (kh * kw * cin + cout) * 4;
  const attrs: Conv2DGemmAttrs = {
    strides: [ah.s, aw.s],
    before: [ah.before, aw.before],
    out: [ah.out, aw.out],
    blockImages: Math.max(1, Math.floor(BLOCK_BYTES / perImage)),
    pad,
    dimRoundingMode,
  };
  registerConv2DGemmKernel();
  return tf
    .engine()
    .runKernel(
      LATENTKIT_CONV2D_GEMM,
      (bias ? { x, filter, bias } : { x, filter }) as unknown as tf.NamedTensorMap,
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor4D;
}
