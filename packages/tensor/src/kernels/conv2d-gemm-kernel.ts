import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ConvPad, DimRounding } from '../gradients/conv-axes.js';
import { wasmGemm } from '../wasm/gemm-instance.js';
import { GEMM_BIAS } from '../wasm/gemm-module.js';
import { wasmIm2col } from '../wasm/im2col-instance.js';
import { heapAddress, type WasmBackendInternals } from '../wasm/wasm-backend-heap.js';
import { canRunConvFilterGrad } from './conv-filter-grad-kernel.js';
import { forEachIm2colBlock } from './im2col-blocks.js';

/** Name of latentkit's im2col + GEMM forward convolution kernel (tfjs-wasm only). */
export const LATENTKIT_CONV2D_GEMM = 'LatentkitConv2DGemm';

/**
 * Attributes of {@link LATENTKIT_CONV2D_GEMM}. Inputs `x` `[N, H, W, Cin]`, `filter`
 * `[kh, kw, Cin, Cout]` and optionally `bias` `[Cout]` (added to every output position); output
 * `[N, OH, OW, Cout]`, dilation 1, zeros outside the input.
 */
export interface Conv2DGemmAttrs {
  /** `[sh, sw]`. */
  strides: [number, number];
  /** `[top, left]` zero rows and columns before the input. */
  before: [number, number];
  /** `[OH, OW]`. */
  out: [number, number];
  /** Images per im2col block. */
  blockImages: number;
  /** The convolution's padding as given (for the gradient; `before` and `out` derive from it). */
  pad: ConvPad;
  /** The convolution's rounding mode (for the gradient). */
  dimRoundingMode?: DimRounding;
}

function wasmKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, filter, bias } = args.inputs as {
    x: tf.TensorInfo;
    filter: tf.TensorInfo;
    bias?: tf.TensorInfo;
  };
  const attrs = args.attrs as unknown as Conv2DGemmAttrs;
  const backend = args.backend as unknown as WasmBackendInternals & tf.KernelBackend;
  const im2col = wasmIm2col(backend);
  const gemm = wasmGemm(backend);
  if (im2col === undefined || gemm === undefined) {
    throw new BackendError(`${LATENTKIT_CONV2D_GEMM} needs wasm SIMD and the backend's heap`);
  }
  const [n, , , cin] = x.shape as [number, number, number, number];
  const [kh, kw, , cout] = filter.shape as [number, number, number, number];
  const [oh, ow] = attrs.out;
  const kk = kh * kw * cin;
  const positions = oh * ow;
  const out = backend.makeOutput([n, oh, ow, cout], 'float32');
  const fAddr = heapAddress(backend, filter);
  const outAddr = heapAddress(backend, out);
  const biasAddr = bias ? heapAddress(backend, bias) : 0;
  const flags = bias ? GEMM_BIAS : 0;
  forEachIm2colBlock({ backend, im2col, x, ...attrs, kernel: [kh, kw] }, (cols, b0, images) => {
    // y[rows of the block] = cols · W (+ bias), written straight into the output.
    const rows = images * positions;
    gemm.nn(cols, fAddr, outAddr + b0 * positions * cout * 4, biasAddr, rows, cout, kk, flags);
  });
  return out;
}

/** The kernel anywhere else: the backend's own `Conv2D` kernel with the same convolution. */
function composedKernel(backendName: string, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const attrs = args.attrs as unknown as Conv2DGemmAttrs;
  const kernel = tf.getKernel('Conv2D', backendName);
  if (kernel === undefined) {
    throw new BackendError(
      `${LATENTKIT_CONV2D_GEMM} needs the 'Conv2D' kernel of '${backendName}'`,
    );
  }
  const { x, filter, bias } = args.inputs as {
    x: tf.TensorInfo;
    filter: tf.TensorInfo;
    bias?: tf.TensorInfo;
  };
  const z = kernel.kernelFunc({
    inputs: { x, filter },
    backend: args.backend,
    attrs: {
      strides: attrs.strides,
      pad: attrs.pad,
      dataFormat: 'NHWC',
      dilations: 1,
      dimRoundingMode: attrs.dimRoundingMode,
    } as unknown as tf.NamedAttrMap,
  }) as tf.TensorInfo;
  if (bias === undefined) return z;
  const add = tf.getKernel('Add', backendName);
  if (add === undefined) {
    (args.backend as tf.KernelBackend).disposeData(z.dataId);
    throw new BackendError(`${LATENTKIT_CONV2D_GEMM} needs the 'Add' kernel of '${backendName}'`);
  }
  try {
    return add.kernelFunc({
      inputs: { a: z, b: bias },
      backend: args.backend,
      attrs: {},
    }) as tf.TensorInfo;
  } finally {
    (args.backend as tf.KernelBackend).disposeData(z.dataId);
  }
}

/** Backends that get the composed kernel (tfjs-wasm gets the SIMD one, falling back to it). */
const COMPOSED_BACKENDS = ['cpu', 'webgl', 'webgpu'] as const;

/**
 * Registers {@link LATENTKIT_CONV2D_GEMM}: on tfjs-wasm, the SIMD im2col gather of
 * `wasm/im2col-module.ts` into a scratch buffer of `blockImages` images, then `y[rows] = cols·W`
 * (+ bias, in the GEMM's epilogue) with latentkit's `nn` GEMM straight into the output, falling
 * back to the backend's `Conv2D` (and `Add`) without SIMD; on cpu, webgl and webgpu, the
 * backend's own `Conv2D` and `Add`. Idempotent.
 */
export function registerConv2DGemmKernel(): void {
  if (tf.getKernel(LATENTKIT_CONV2D_GEMM, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: LATENTKIT_CONV2D_GEMM,
      backendName: 'wasm',
      kernelFunc: (args) =>
        canRunConvFilterGrad(args.backend) ? wasmKernel(args) : composedKernel('wasm', args),
    });
  }
  for (const name of COMPOSED_BACKENDS) {
    if (tf.getKernel(LATENTKIT_CONV2D_GEMM, name) !== undefined) continue;
    tf.registerKernel({
      kernelName: LATENTKIT_CONV2D_GEMM,
      backendName: name,
      kernelFunc: (args) => composedKernel(name, args),
    });
  }
}
