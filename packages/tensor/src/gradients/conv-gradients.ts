import { InvalidArgumentError } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { conv2dGemm } from '../kernels/conv2d-gemm.js';
import { type Conv2DGemmAttrs, LATENTKIT_CONV2D_GEMM } from '../kernels/conv2d-gemm-kernel.js';
import {
  type Conv2DInputGradAttrs,
  LATENTKIT_CONV2D_INPUT_GRAD,
} from '../kernels/conv2d-input-grad-kernel.js';
import { type ConvPad, type DimRounding, pair } from './conv-axes.js';
import { conv2dFilterGrad } from './conv-filter-grad.js';
import { conv2dInputGrad } from './conv-input-grad.js';
import { reduceToShape } from './reduce-to-shape.js';

export { conv2dFilterGrad } from './conv-filter-grad.js';

type Shape4 = [number, number, number, number];

/**
 * Gradients of Conv2D and Conv2DBackpropInput (transposed convolution), NHWC only, written with
 * kernels that are fast on tfjs-wasm (XNNPACK `Conv2D`, transposes, one small matMul):
 *
 * - Conv2D, d/dx: {@link conv2dInputGrad} (one stride-1 `conv2d` + pixel shuffle) instead of
 *   `conv2dTranspose`, whose wasm kernel is a plain loop; dilation 1 only.
 * - Conv2D, d/dfilter and Conv2DBackpropInput, d/dfilter: {@link conv2dFilterGrad} (tfjs-wasm has
 *   no `Conv2DBackpropFilter`).
 * - Conv2DBackpropInput, d/ddy: the forward `conv2d` it is the adjoint of (`conv2dGemm`).
 * - latentkit's `LatentkitConv2DGemm` (the im2col + GEMM Conv2D of tfjs-wasm): as Conv2D.
 * - latentkit's `LatentkitConv2DInputGrad` (the GEMM + col2im input gradient of tfjs-wasm): as
 *   Conv2DBackpropInput.
 */
export const convGradients: GradConfig[] = [
  {
    // latentkit's im2col + GEMM Conv2D on wasm (see conv2dGemm): the gradients of Conv2D, and of
    // the optional fused bias the sums of dy over all but the channel axis.
    kernelName: LATENTKIT_CONV2D_GEMM,
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      const a = attrs as unknown as Conv2DGemmAttrs;
      return {
        x: () => conv2dInputGrad(g, filter, x.shape, a.strides, a.pad, a.dimRoundingMode),
        filter: () =>
          conv2dFilterGrad(x, g, filter.shape as Shape4, a.strides, a.pad, 1, a.dimRoundingMode),
        // Only asked for when the kernel had a bias input.
        bias: () => reduceToShape(g, [filter.shape[3]]),
      };
    },
  },
  {
    // latentkit's GEMM + col2im input gradient on wasm: the gradients of Conv2DBackpropInput.
    kernelName: LATENTKIT_CONV2D_INPUT_GRAD,
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = ddx as tf.Tensor4D;
      const a = attrs as unknown as Conv2DInputGradAttrs;
      return {
        dy: () => conv2dGemm(g, filter, a.strides, a.pad, a.dimRoundingMode),
        filter: () =>
          conv2dFilterGrad(g, dy, filter.shape as Shape4, a.strides, a.pad, 1, a.dimRoundingMode),
      };
    },
  },
  {
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      const strides = attrs.strides as number | [number, number];
      const pad = attrs.pad as ConvPad;
      const dilations = attrs.dilations as number | [number, number];
      const rounding = attrs.dimRoundingMode as DimRounding;
      if (attrs.dataFormat !== 'NHWC') {
        throw new InvalidArgumentError('conv2d dataFormat', "latentkit's gradient needs 'NHWC'");
      }
      const [dh, dw] = pair(dilations);
      if (dh !== 1 || dw !== 1) {
        throw new InvalidArgumentError(
          'conv2d dilations',
          "latentkit's input gradient supports dilation 1 only",
        );
      }
      return {
        x: () => conv2dInputGrad(g, filter, x.shape, strides, pad, rounding),
        filter: () =>
          conv2dFilterGrad(x, g, filter.shape as Shape4, strides, pad, dilations, rounding),
      };
    },
  },
  {
    kernelName: 'Conv2DBackpropInput',
    inputsToSave: ['dy', 'filter'],
    gradFunc: (ddx, saved, attrs) => {
      const [dy, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = ddx as tf.Tensor4D;
      const strides = attrs.strides as number | [number, number];
      const pad = attrs.pad as ConvPad;
      const rounding = attrs.dimRoundingMode as DimRounding;
      if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
        throw new InvalidArgumentError(
          'conv2dTranspose dataFormat',
          "latentkit's gradient needs 'NHWC'",
        );
      }
      return {
        dy: () => conv2dGemm(g, filter, strides, pad, rounding),
        filter: () => conv2dFilterGrad(g, dy, filter.shape as Shape4, strides, pad, 1, rounding),
      };
    },
  },
];
