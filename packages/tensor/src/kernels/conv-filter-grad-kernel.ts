import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { wasmGemm } from '../wasm/gemm-instance.js';
import { wasmIm2col } from '../wasm/im2col-instance.js';
import {
  heapAddress,
  type WasmBackendInternals,
  wasmBackendMemory,
} from '../wasm/wasm-backend-heap.js';
import { forEachIm2colBlock } from './im2col-blocks.js';

/** Name of latentkit's im2col + GEMM conv filter-gradient kernel (tfjs-wasm only). */
export const LATENTKIT_CONV_FILTER_GRAD = 'LatentkitConv2DFilterGrad';

/**
 * Attributes of the {@link LATENTKIT_CONV_FILTER_GRAD} kernel. Inputs: `x` `[N, H, W, Cin]` and
 * `dy` `[N, OH, OW, Cout]` (float32). Output: `dW` `[kh, kw, Cin, Cout]`,
 * `dW[i, j, ci, co] = Σ_{n, y, x} x[n, y·sh − top + i, x·sw − left + j, ci] · dy[n, y, x, co]`
 * (zeros outside the input), dilation 1.
 */
export interface ConvFilterGradAttrs {
  /** `[kh, kw]`. */
  kernel: [number, number];
  /** `[sh, sw]`. */
  strides: [number, number];
  /** Zero rows and columns before the input: `[top, left]`. */
  before: [number, number];
  /**
   * Images per im2col block: the batch is gathered and multiplied in blocks of this many images
   * (partial gradients summed), so that the im2col buffer stays small. At least 1.
   */
  blockImages: number;
}

type Inputs = { x: tf.TensorInfo; dy: tf.TensorInfo };

/** Whether the kernel can run on `backend` (tfjs-wasm with SIMD and a reachable heap). */
export function canRunConvFilterGrad(backend: object): boolean {
  return wasmIm2col(backend) !== undefined && wasmGemm(backend) !== undefined;
}

function wasmKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as ConvFilterGradAttrs;
  const backend = args.backend as unknown as WasmBackendInternals & tf.KernelBackend;
  const im2col = wasmIm2col(backend);
  const gemm = wasmGemm(backend);
  if (im2col === undefined || gemm === undefined) {
    throw new BackendError(`${LATENTKIT_CONV_FILTER_GRAD} needs wasm SIMD and the backend's heap`);
  }
  const [n, , , cin] = x.shape as [number, number, number, number];
  const [, oh, ow, cout] = dy.shape as [number, number, number, number];
  const [kh, kw] = attrs.kernel;
  const kk = kh * kw * cin;
  const out = backend.makeOutput([kh, kw, cin, cout], 'float32');
  const outAddr = heapAddress(backend, out);
  const positions = oh * ow;
  if (kk * cout === 0) return out;
  if (n * positions === 0) {
    new Float32Array(wasmBackendMemory(backend)!.buffer, outAddr, kk * cout).fill(0);
    return out;
  }
  const whole = Math.floor(attrs.blockImages) >= n;
  const partial = whole ? undefined : backend.makeOutput([kk, cout], 'float32');
  try {
    const partialAddr = partial ? heapAddress(backend, partial) : 0;
    const dyAddr = heapAddress(backend, dy);
    const dyImage = positions * cout * 4;
    forEachIm2colBlock({ backend, im2col, x, ...attrs, out: [oh, ow] }, (cols, b0, images) => {
      const target = b0 === 0 ? outAddr : partialAddr;
      // dW[kk, Cout] = colsᵀ · dy, colsᵀ read in place: tn(A = cols [P, kk], B = dy [P, Cout]).
      gemm.tn(cols, dyAddr + b0 * dyImage, target, 0, kk, cout, images * positions, 0);
      if (b0 > 0) im2col.accumulate(outAddr, partialAddr, kk * cout);
    });
  } finally {
    if (partial) backend.disposeData(partial.dataId);
  }
  return out;
}

/**
 * Registers the {@link LATENTKIT_CONV_FILTER_GRAD} kernel on tfjs-wasm: a 128-bit SIMD im2col
 * gather (`wasm/im2col-module.ts`) into a scratch buffer of `blockImages` images, then
 * `dW += colsᵀ·dy` with latentkit's `tn` GEMM kernel, block by block. Only on tfjs-wasm (it
 * throws there without SIMD: check {@link canRunConvFilterGrad} first); other backends keep the
 * composed filter gradients of `conv2dFilterGrad`. Idempotent.
 */
export function registerConvFilterGradKernel(): void {
  if (tf.getKernel(LATENTKIT_CONV_FILTER_GRAD, 'wasm') !== undefined) return;
  tf.registerKernel({
    kernelName: LATENTKIT_CONV_FILTER_GRAD,
    backendName: 'wasm',
    kernelFunc: wasmKernel,
  });
}
