import type * as tf from '@tensorflow/tfjs-core';
import type { Im2colKernels } from '../wasm/im2col-instance.js';
import {
  heapAddress,
  type WasmBackendInternals,
  wasmBackendMemory,
} from '../wasm/wasm-backend-heap.js';
import { convIm2colTable } from './conv-im2col-table.js';

/** Geometry of an im2col gather (see `convIm2colTable`), beside the input tensor. */
export interface Im2colBlocksArgs {
  backend: WasmBackendInternals & tf.KernelBackend;
  im2col: Im2colKernels;
  /** The input `[N, H, W, Cin]`. */
  x: tf.TensorInfo;
  kernel: [number, number];
  strides: [number, number];
  /** `[top, left]` zero rows and columns before the input. */
  before: [number, number];
  /** `[OH, OW]`. */
  out: [number, number];
  /** Images per block (clamped to [1, N]). */
  blockImages: number;
}

/**
 * The im2col side shared by latentkit's conv kernels on tfjs-wasm: writes the geometry's gather
 * table and a scratch buffer of `[block·OH·OW, kh·kw·Cin]` patch rows on the heap, gathers the
 * batch into it block by block and calls `each(colsAddress, firstImage, images)` after every
 * gather (where the caller runs its GEMM on the block), then frees both buffers.
 */
export function forEachIm2colBlock(
  args: Im2colBlocksArgs,
  each: (cols: number, first: number, images: number) => void,
): void {
  const { backend, im2col, x } = args;
  const [n, h, w, cin] = x.shape as [number, number, number, number];
  const [kh, kw] = args.kernel;
  const [oh, ow] = args.out;
  const kk = kh * kw * cin;
  const positions = oh * ow;
  const { table, entries } = convIm2colTable({ ...args, xShape: x.shape });
  const block = Math.max(1, Math.min(n, Math.floor(args.blockImages)));
  const tableInfo = backend.makeOutput([table.length], 'int32');
  const cols = backend.makeOutput([block * positions, kk], 'float32');
  try {
    // Addresses and views are taken after every allocation (a growth of the heap detaches views).
    const tableAddr = heapAddress(backend, tableInfo);
    new Int32Array(wasmBackendMemory(backend)!.buffer, tableAddr, table.length).set(table);
    const xAddr = heapAddress(backend, x);
    const colsAddr = heapAddress(backend, cols);
    const srcImage = h * w * cin * 4;
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
      each(colsAddr, b0, images);
    }
  } finally {
    backend.disposeData(tableInfo.dataId);
    backend.disposeData(cols.dataId);
  }
}
