// Test-only case table for conv-gradients.ts (used by conv-gradients.test.ts and the coverage
// test): conv2d with stride 1, 2 and 3, 'same', 'valid' and numeric padding, odd and non-square
// inputs and kernels (1×1, 1×2 — the im2col filter gradient — 3×3, 4×4, 7×7), batch 1–3;
// conv2dTranspose (the Conv2DBackpropInput kernel) with stride 1 and 2 and the same variety;
// conv2dGemm (latentkit's LatentkitConv2DGemm kernel) with strides 1, 2 and mixed, all paddings;
// the input gradient through latentkit's LatentkitConv2DInputGrad kernel (GEMM + col2im on wasm).
import * as tf from '@tensorflow/tfjs-core';
import { conv2dGemm } from '../kernels/conv2d-gemm.js';
import { LATENTKIT_CONV2D_GEMM } from '../kernels/conv2d-gemm-kernel.js';
import { LATENTKIT_CONV2D_INPUT_GRAD } from '../kernels/conv2d-input-grad-kernel.js';
import { col2imInputGrad } from './conv-input-grad.js';
import type { GradientCase } from './describe-gradient-cases.js';

type Pad = 'same' | 'valid' | number;

function conv(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Pad,
): GradientCase {
  return {
    kernel: 'Conv2D',
    name: `conv2d x [${xShape}] filter [${filterShape}] strides ${strides} ${pad}`,
    inputs: [
      { shape: xShape, range: [-1, 1] },
      { shape: filterShape, range: [-1, 1] },
    ],
    f: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
  };
}

/** The same convolution through latentkit's Conv2D kernel (im2col + GEMM on wasm). */
function convGemm(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Pad,
): GradientCase {
  return {
    ...conv(xShape, filterShape, strides, pad),
    kernel: LATENTKIT_CONV2D_GEMM,
    name: `conv2dGemm x [${xShape}] filter [${filterShape}] strides ${strides} ${pad}`,
    f: (x, w) => conv2dGemm(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
  };
}

function convTranspose(
  dyShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  outShape: [number, number, number, number],
  strides: number,
  pad: Pad,
): GradientCase {
  return {
    kernel: 'Conv2DBackpropInput',
    name: `conv2dTranspose x [${dyShape}] filter [${filterShape}] → [${outShape}] strides ${strides} ${pad}`,
    inputs: [
      { shape: dyShape, range: [-1, 1] },
      { shape: filterShape, range: [-1, 1] },
    ],
    f: (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, outShape, strides, pad),
  };
}

/** The same convolution through latentkit's Conv2D kernel with its fused bias. */
function convGemmBias(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Pad,
): GradientCase {
  return {
    kernel: LATENTKIT_CONV2D_GEMM,
    name: `conv2dGemm + bias x [${xShape}] filter [${filterShape}] strides ${strides} ${pad}`,
    inputs: [
      { shape: xShape, range: [-1, 1] },
      { shape: filterShape, range: [-1, 1] },
      { shape: [filterShape[3]], range: [-1, 1] },
    ],
    f: (x, w, b) =>
      conv2dGemm(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad, undefined, b as tf.Tensor1D),
  };
}

/** The input gradient (a transposed convolution) through latentkit's GEMM + col2im kernel. */
function inputGradCol2im(
  dyShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  xShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Pad,
): GradientCase {
  return {
    kernel: LATENTKIT_CONV2D_INPUT_GRAD,
    name: `col2imInputGrad dy [${dyShape}] filter [${filterShape}] → [${xShape}] strides ${strides} ${pad}`,
    inputs: [
      { shape: dyShape, range: [-1, 1] },
      { shape: filterShape, range: [-1, 1] },
    ],
    f: (dy, w) => col2imInputGrad(dy as tf.Tensor4D, w as tf.Tensor4D, xShape, strides, pad)!,
  };
}

/** Finite-difference cases for every kernel in `convGradients`. */
export const convCases: GradientCase[] = [
  conv([2, 5, 7, 3], [3, 3, 3, 4], 1, 'same'),
  conv([2, 5, 7, 3], [3, 3, 3, 4], 1, 'valid'),
  conv([2, 5, 7, 3], [3, 3, 3, 4], 2, 'same'),
  conv([2, 6, 8, 3], [3, 3, 3, 4], 2, 'same'),
  conv([2, 7, 6, 2], [3, 3, 2, 3], 2, 'valid'),
  conv([1, 6, 7, 2], [2, 3, 2, 3], [2, 1], 'same'),
  conv([1, 5, 5, 4], [1, 1, 4, 2], 1, 'valid'),
  conv([2, 6, 5, 2], [3, 3, 2, 3], 2, 1),
  conv([3, 7, 5, 2], [4, 4, 2, 3], 2, 1),
  conv([1, 7, 7, 2], [7, 7, 2, 2], 1, 'same'),
  conv([2, 5, 5, 3], [1, 1, 3, 2], 2, 'same'),
  conv([1, 5, 6, 2], [1, 2, 2, 3], 1, 'valid'),
  conv([1, 9, 9, 1], [3, 3, 1, 4], 3, 'valid'),
  convGemm([2, 5, 7, 3], [3, 3, 3, 4], 1, 'same'),
  convGemm([2, 6, 8, 3], [3, 3, 3, 4], 2, 'same'),
  convGemm([2, 7, 6, 2], [3, 3, 2, 3], 2, 'valid'),
  convGemm([3, 7, 5, 2], [4, 4, 2, 3], 2, 1),
  convGemm([1, 6, 7, 2], [2, 3, 2, 3], [2, 1], 'same'),
  convTranspose([2, 3, 4, 4], [3, 3, 3, 4], [2, 6, 8, 3], 2, 'same'),
  convTranspose([1, 3, 3, 2], [3, 3, 3, 2], [1, 5, 5, 3], 2, 'same'),
  convTranspose([2, 3, 4, 4], [3, 3, 2, 4], [2, 7, 9, 2], 2, 'valid'),
  convTranspose([1, 4, 5, 3], [3, 3, 2, 3], [1, 4, 5, 2], 1, 'same'),
  convTranspose([2, 3, 3, 3], [4, 4, 2, 3], [2, 6, 6, 2], 2, 1),
  convTranspose([1, 4, 4, 2], [1, 1, 3, 2], [1, 7, 7, 3], 2, 'valid'),
  convTranspose([1, 3, 3, 2], [7, 7, 2, 2], [1, 3, 3, 2], 1, 'same'),
  convGemmBias([2, 6, 8, 3], [3, 3, 3, 4], 2, 'same'),
  convGemmBias([1, 5, 7, 2], [1, 1, 2, 3], 1, 'valid'),
  inputGradCol2im([2, 3, 4, 4], [3, 3, 3, 4], [2, 6, 8, 3], 2, 'same'),
  inputGradCol2im([2, 3, 2, 3], [3, 3, 2, 3], [2, 7, 6, 2], 2, 'valid'),
  inputGradCol2im([1, 4, 5, 3], [3, 3, 2, 3], [1, 4, 5, 2], 1, 'same'),
  inputGradCol2im([2, 3, 3, 3], [4, 4, 2, 3], [2, 6, 6, 2], 2, 1),
  inputGradCol2im([1, 3, 7, 3], [2, 3, 2, 3], [1, 6, 7, 2], [2, 1], 'same'),
];
