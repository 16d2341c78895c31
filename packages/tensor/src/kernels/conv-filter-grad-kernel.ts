import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { wasmGemm } from '../wasm/gemm-instance.js';
import { wasmIm2col } from '../wasm/im2col-instance.js';
import { heapAddress, type WasmBackendInternals } from '../wasm/wasm-backend-heap.js';
import { im2colTableCached } from './im2col-table.js';

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

// long: allocates the scratch buffers, writes the gather table, then alternates gather and GEMM
// over batch blocks; split, the buffer lifetimes would be spread over several functions.
function wasmKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as ConvFilterGradAttrs;
  const backend = args.backend as unknown as WasmBackendInternals & tf.KernelBackend;
  const im2col = wasmIm2col(backend);
  const gemm = wasmGemm(backend);
  if (im2col === undefined || gemm === undefined) {
    throw new BackendError(`${LATENTKIT_CONV_FILTER_GRAD} needs wasm SIMD and the backend's heap`);
  }
  const [n, h, w, cin] = x.shape as [number, number, number, number];
  const [, oh, ow, cout] = dy.shape as [number, number, number, number];
  const [kh, kw] = attrs.kernel;
  const kk = kh * kw * cin;
  const out = backend.makeOutput([kh, kw, cin, cout], 'float32');
  const outAddr = heapAddress(backend, out);
  const positions = oh * ow;
  if (kk * cout === 0) return out;
  if (n * positions === 0) {
    new Float32Array(wasmMemory(backend).buffer, outAddr, kk * cout).fill(0);
    return out;
  }
  const { table, entries } = im2colTableCached({
    h,
    w,
    cin,
    kh,
    kw,
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    top: attrs.before[0],
    left: attrs.before[1],
    oh,
    ow,
  });
  const block = Math.max(1, Math.min(n, Math.floor(attrs.blockImages)));
  const tableInfo = backend.makeOutput([table.length], 'int32');
  const cols = backend.makeOutput([block * positions, kk], 'float32');
  const partial = block < n ? backend.makeOutput([kk, cout], 'float32') : undefined;
  const scratch = [tableInfo, cols, ...(partial ? [partial] : [])];
  try {
    // Views are taken after every allocation (a growth of the heap detaches older ones).
    const tableAddr = heapAddress(backend, tableInfo);
    new Int32Array(wasmMemory(backend).buffer, tableAddr, table.length).set(table);
    const xAddr = heapAddress(backend, x);
    const dyAddr = heapAddress(backend, dy);
    const colsAddr = heapAddress(backend, cols);
    const partialAddr = partial ? heapAddress(backend, partial) : 0;
    const srcImage = h * w * cin * 4;
    const dyImage = positions * cout * 4;
    for (let b0 = 0; b0 < n; b0 += block) {
      const images = Math.min(block, n - b0);
      im2col.gather(
        tableAddr,
        entries,
        xAddr + b0 * srcImage,
        colsAddr,
        images,
        srcImage,
        positions * kk * 4,
      );
      const target = b0 === 0 ? outAddr : partialAddr;
      // dW[kk, Cout] = colsᵀ · dy, colsᵀ read in place: tn(A = cols [P, kk], B = dy [P, Cout]).
      gemm.tn(colsAddr, dyAddr + b0 * dyImage, target, 0, kk, cout, images * positions, 0);
      if (b0 > 0) im2col.accumulate(outAddr, partialAddr, kk * cout);
    }
  } finally {
    for (const s of scratch) backend.disposeData(s.dataId);
  }
  return out;
}

function wasmMemory(backend: WasmBackendInternals): WebAssembly.Memory {
  const wasm = backend.wasm;
  return (wasm.asm?.memory ?? wasm.wasmMemory) as WebAssembly.Memory;
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
