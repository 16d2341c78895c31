import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type ConvFilterGradAttrs,
  canRunConvFilterGrad,
  LATENTKIT_CONV_FILTER_GRAD,
  registerConvFilterGradKernel,
} from '../kernels/conv-filter-grad-kernel.js';
import { type ConvPad, convAxes, cropForPadding, type DimRounding, pair } from './conv-axes.js';
import { mergedTranspose } from './merged-transpose.js';
import { swapLast2 } from './reduce-to-shape.js';

type Shape4 = [number, number, number, number];

/** How {@link conv2dFilterGrad} computes the gradient. */
export type FilterGradMethod = 'auto' | 'batchConv' | 'im2col' | 'wasmIm2col';

/** Options of {@link conv2dFilterGrad}. */
export interface FilterGradOptions {
  /**
   * `'batchConv'`: one `conv2d` over the batch axis (dilation 1 only); `'im2col'`: one slice of
   * the input per tap, then a matrix product; `'wasmIm2col'`: latentkit's SIMD im2col gather and
   * GEMM on tfjs-wasm's heap, block by block over the batch (tfjs-wasm with SIMD, dilation 1;
   * see `kernels/conv-filter-grad-kernel.ts`). `'auto'` (default): `'wasmIm2col'` wherever it
   * can run (1.4–18× faster than `'batchConv'` in every measured geometry, bench
   * `conv-grad-bench.ts`); elsewhere `'im2col'` for a dilation other than 1, or for stride 1
   * with 1–2 taps (a 1×1 kernel is then a plain product), else `'batchConv'` — the faster of the
   * two on tfjs-wasm without SIMD in every measured case but a few with 3 taps at stride 1,
   * where they are within ±20%.
   */
  method?: FilterGradMethod;
  /**
   * Images per block of the `'wasmIm2col'` method (default: chosen so the block's im2col rows
   * and `dy` rows take about 256 KiB).
   */
  blockImages?: number;
}

/**
 * Filter gradient of a 2-D NHWC convolution, built from ops every backend has (tfjs-wasm has no
 * `Conv2DBackpropFilter` kernel, so the stock gradient fails there):
 *
 * - batch-axis convolution: `dW[i, j, ci, co] = Σ_{n, o, o'} x[n, o·sh − top + i, o'·sw − left + j,
 *   ci] · dy[n, o, o', co]` is itself a convolution — of the input with its batch and channel axes
 *   swapped (`[Cin, H, W, N]`: the batch as channels) by `dy` as the filter (`[OH, OW, N, Cout]`),
 *   dilated by the stride, giving `[Cin, kh, kw, Cout]`. One XNNPACK `Conv2D` on wasm: 1.5–19×
 *   faster there than the im2col form for kernels of ≥ 4 taps or strides > 1 (measured);
 * - im2col: one (strided) slice of the padded input per tap, concatenated to
 *   `[N·OH·OW, kh·kw·Cin]`, times `dy` as `[N·OH·OW, Cout]`: as fast for 1–2 taps at stride 1
 *   (strided slices are slow on wasm), and the form that handles dilation.
 *
 * @param x - Convolution input `[N, H, W, Cin]`.
 * @param dy - Gradient of the convolution output `[N, OH, OW, Cout]`.
 * @param filterShape - `[kh, kw, Cin, Cout]` (the shape returned).
 * @param strides - `s` or `[sh, sw]`.
 * @param pad - The convolution's padding, as tfjs's `Conv2D` takes it.
 * @param dilations - `d` or `[dh, dw]`. Default 1.
 * @param dimRoundingMode - The convolution's rounding mode for a numeric `pad`.
 * @param options - See {@link FilterGradOptions}.
 * @returns `dW`, `[kh, kw, Cin, Cout]`.
 * @throws {@link InvalidArgumentError} for `method: 'batchConv'` with a dilation other than 1,
 *   `'wasmIm2col'` with one or off tfjs-wasm with SIMD, or a `blockImages` that is not an
 *   integer ≥ 1.
 * @throws {@link ShapeError} (`'wasmIm2col'`) or an Error from tfjs when the shapes do not
 *   describe a convolution.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function conv2dFilterGrad(
  x: tf.Tensor,
  dy: tf.Tensor,
  filterShape: Shape4,
  strides: number | [number, number],
  pad: ConvPad,
  dilations: number | [number, number] = 1,
  dimRoundingMode?: DimRounding,
  options: FilterGradOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['method', 'blockImages'], 'conv2dFilterGrad options');
  const { blockImages } = options;
  if (blockImages !== undefined && !(Number.isInteger(blockImages) && blockImages >= 1)) {
    throw new InvalidArgumentError(
      'conv2dFilterGrad blockImages',
      `must be an integer ≥ 1, got ${blockImages}`,
    );
  }
  const [dh, dw] = pair(dilations);
  const dilated = dh !== 1 || dw !== 1;
  const method = options.method ?? 'auto';
  if (method === 'batchConv' && dilated) {
    throw new InvalidArgumentError(
      'conv2d dilations',
      "latentkit's batch-axis filter gradient supports dilation 1 only",
    );
  }
  if (method === 'wasmIm2col' || (method === 'auto' && !dilated && useWasmIm2col())) {
    if (dilated || !canRunConvFilterGrad(tf.backend())) {
      throw new InvalidArgumentError(
        'conv2dFilterGrad method',
        "'wasmIm2col' needs tfjs-wasm with SIMD and dilation 1",
      );
    }
    return wasmIm2colFilterGrad(
      x as tf.Tensor4D,
      dy as tf.Tensor4D,
      filterShape,
      strides,
      pad,
      dimRoundingMode,
      options.blockImages,
    );
  }
  const [sh, sw] = pair(strides);
  const smallStride1 = sh === 1 && sw === 1 && filterShape[0] * filterShape[1] <= 2;
  const useBatchConv = method === 'batchConv' || (method === 'auto' && !dilated && !smallStride1);
  return useBatchConv
    ? batchConvFilterGrad(
        x as tf.Tensor4D,
        dy as tf.Tensor4D,
        filterShape,
        strides,
        pad,
        dimRoundingMode,
      )
    : im2colFilterGrad(
        x as tf.Tensor4D,
        dy as tf.Tensor4D,
        filterShape,
        strides,
        pad,
        [dh, dw],
        dimRoundingMode,
      );
}

/** Whether `'auto'` takes the wasm im2col kernel: on tfjs-wasm with SIMD (any geometry). */
function useWasmIm2col(): boolean {
  return tf.getBackend() === 'wasm' && canRunConvFilterGrad(tf.backend());
}

function wasmIm2colFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: Shape4,
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode: DimRounding,
  blockImages: number | undefined,
): tf.Tensor4D {
  const [ah, aw] = convAxes(x.shape, filterShape, strides, pad, dimRoundingMode);
  const [kh, kw, cin, cout] = filterShape;
  const want = [x.shape[0], ah.out, aw.out, cout];
  if (x.shape[3] !== cin || dy.shape.some((d, i) => d !== want[i])) {
    throw new ShapeError(
      `conv2dFilterGrad: x ${JSON.stringify(x.shape)} and dy ${JSON.stringify(dy.shape)} do not ` +
        `match a convolution by ${JSON.stringify(filterShape)}`,
      want,
      dy.shape,
    );
  }
  const perImage = ah.out * aw.out * (kh * kw * cin + cout) * 4;
  const attrs: ConvFilterGradAttrs = {
    kernel: [kh, kw],
    strides: [ah.s, aw.s],
    before: [ah.before, aw.before],
    blockImages: blockImages ?? Math.max(1, Math.floor(BLOCK_BYTES / perImage)),
  };
  registerConvFilterGradKernel();
  return tf
    .engine()
    .runKernel(
      LATENTKIT_CONV_FILTER_GRAD,
      { x, dy } as unknown as tf.NamedTensorMap,
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor4D;
}

/** Target size of one block of the wasm im2col filter gradient (im2col rows + dy rows). */
const BLOCK_BYTES = 256 * 1024;

function batchConvFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: Shape4,
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode: DimRounding,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [ah, aw] = convAxes(x.shape, filterShape, strides, pad, dimRoundingMode);
    // Exactly the input positions −before … (out − 1)·s + k − 1 − before: cropped or padded.
    const { x: src, pad: explicit } = cropForPadding(
      x,
      [ah.before, ah.after],
      [aw.before, aw.after],
    );
    const xt = mergedTranspose(src, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H', W', N]
    const f = mergedTranspose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [OH, OW, N, Cout]
    const g = tf.conv2d(xt, f, 1, explicit, 'NHWC', [ah.s, aw.s]); // [Cin, kh, kw, Cout]
    return mergedTranspose(g, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

function im2colFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: Shape4,
  strides: number | [number, number],
  pad: ConvPad,
  [dh, dw]: [number, number],
  dimRoundingMode: DimRounding,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, cin, cout] = filterShape;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape,
      filterShape,
      strides,
      [dh, dw],
      pad,
      dimRoundingMode,
    );
    const { top, left } = info.padInfo;
    const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
    // Pad (or crop) to exactly the positions the taps read.
    const after = (size: number, k: number, s: number, d: number, before: number) =>
      (size - 1) * s + (k - 1) * d + 1 - before;
    const { x: cropped, pad: explicit } = cropForPadding(
      x,
      [top, after(oh, kh, sh, dh, top) - x.shape[1]],
      [left, after(ow, kw, sw, dw, left) - x.shape[2]],
    );
    const needsPad = explicit.some(([a, b]) => a > 0 || b > 0);
    const xp = needsPad ? tf.pad(cropped, explicit) : cropped;
    const cols: tf.Tensor[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const r0 = i * dh;
        const c0 = j * dw;
        const whole = kh * kw === 1 && sh === 1 && sw === 1;
        const patch = whole
          ? xp
          : sh === 1 && sw === 1
            ? tf.slice(xp, [0, r0, c0, 0], [n, oh, ow, cin])
            : tf.stridedSlice(
                xp,
                [0, r0, c0, 0],
                [n, r0 + sh * (oh - 1) + 1, c0 + sw * (ow - 1) + 1, cin],
                [1, sh, sw, 1],
              );
        cols.push(tf.reshape(patch, [n * oh * ow, cin]));
      }
    }
    const im2col = cols.length === 1 ? cols[0]! : tf.concat(cols, 1); // [P, kh·kw·Cin]
    const g = tf.reshape(dy, [n * oh * ow, cout]);
    return tf.reshape(tf.matMul(swapLast2(im2col), g), filterShape) as tf.Tensor4D;
  });
}
