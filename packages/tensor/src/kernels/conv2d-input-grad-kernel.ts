import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ConvPad, DimRounding } from '../gradients/conv-axes.js';
import { wasmGemm } from '../wasm/gemm-instance.js';
import { wasmIm2col } from '../wasm/im2col-instance.js';
import {
  heapAddress,
  type WasmBackendInternals,
  wasmBackendMemory,
} from '../wasm/wasm-backend-heap.js';
import { convIm2colTable } from './conv-im2col-table.js';

/** Name of latentkit's GEMM + col2im conv input-gradient kernel (tfjs-wasm only). */
export const LATENTKIT_CONV2D_INPUT_GRAD = 'LatentkitConv2DInputGrad';

/**
 * Attributes of {@link LATENTKIT_CONV2D_INPUT_GRAD}. Inputs `dy` `[N, OH, OW, Cout]` and `filter`
 * `[kh, kw, Cin, Cout]` (float32); output `dx` `[N, H, W, Cin]`, the input gradient of the
 * convolution `y[n, y, x, co] = Σ x[n, y·sh − top + i, x·sw − left + j, ci] · filter[i, j, ci, co]`
 * (dilation 1, zeros outside the input): `dx[n, p, q, ci] = Σ dy[n, y, x, co] · filter[i, j, ci,
 * co]` over the `(y, x, i, j)` with `y·sh − top + i = p` and `x·sw − left + j = q`.
 */
export interface Conv2DInputGradAttrs {
  /** `[N, H, W, Cin]`, the shape of the convolution's input. */
  xShape: [number, number, number, number];
  /** `[sh, sw]`. */
  strides: [number, number];
  /** `[top, left]` zero rows and columns before the input. */
  before: [number, number];
  /** Images per block (the im2col rows of a block are a scratch buffer). At least 1. */
  blockImages: number;
  /** The convolution's padding as given (for the gradient and other backends). */
  pad: ConvPad;
  /** The convolution's rounding mode (for the gradient and other backends). */
  dimRoundingMode?: DimRounding;
}

type Inputs = { dy: tf.TensorInfo; filter: tf.TensorInfo };

function wasmKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, filter } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as Conv2DInputGradAttrs;
  const backend = args.backend as unknown as WasmBackendInternals & tf.KernelBackend;
  const im2col = wasmIm2col(backend);
  const gemm = wasmGemm(backend);
  if (im2col === undefined || gemm === undefined) {
    throw new BackendError(`${LATENTKIT_CONV2D_INPUT_GRAD} needs wasm SIMD and the backend's heap`);
  }
  const [n, h, w, cin] = attrs.xShape;
  const [, oh, ow, cout] = dy.shape as [number, number, number, number];
  const [kh, kw] = filter.shape as [number, number, number, number];
  const kk = kh * kw * cin;
  const positions = oh * ow;
  const imageSize = h * w * cin;
  const out = backend.makeOutput([n, h, w, cin], 'float32');
  if (n * imageSize === 0) return out;
  const zeroOut = () =>
    new Float32Array(
      wasmBackendMemory(backend)!.buffer,
      heapAddress(backend, out),
      n * imageSize,
    ).fill(0);
  if (positions * kk * cout === 0) {
    zeroOut();
    return out;
  }
  const { table, entries } = convIm2colTable({
    xShape: attrs.xShape,
    kernel: [kh, kw],
    strides: attrs.strides,
    before: attrs.before,
    out: [oh, ow],
  });
  const block = Math.max(1, Math.min(n, Math.floor(attrs.blockImages)));
  const tableInfo = backend.makeOutput([table.length], 'int32');
  const transposed = backend.makeOutput([cout, kk], 'float32');
  const cols = backend.makeOutput([block * positions, kk], 'float32');
  try {
    // Addresses and views are taken after every allocation (a growth of the heap detaches views).
    const buffer = wasmBackendMemory(backend)!.buffer;
    const tableAddr = heapAddress(backend, tableInfo);
    new Int32Array(buffer, tableAddr, table.length).set(table);
    zeroOut();
    // Wᵀ [Cout, kh·kw·Cin] (the filter is [kh·kw·Cin, Cout]), so the product is an `nn` one.
    const f = new Float32Array(buffer, heapAddress(backend, filter), kk * cout);
    const t = new Float32Array(buffer, heapAddress(backend, transposed), kk * cout);
    for (let r = 0; r < kk; r++) {
      for (let c = 0; c < cout; c++) t[c * kk + r] = f[r * cout + c]!;
    }
    const tAddr = heapAddress(backend, transposed);
    const dyAddr = heapAddress(backend, dy);
    const colsAddr = heapAddress(backend, cols);
    const outAddr = heapAddress(backend, out);
    for (let b0 = 0; b0 < n; b0 += block) {
      const images = Math.min(block, n - b0);
      // cols[rows of the block] = dy · Wᵀ, then each row's patch is added back where it came from.
      gemm.nn(
        dyAddr + b0 * positions * cout * 4,
        tAddr,
        colsAddr,
        0,
        images * positions,
        kk,
        cout,
        0,
      );
      im2col.scatter(
        tableAddr,
        entries,
        colsAddr,
        outAddr + b0 * imageSize * 4,
        images,
        imageSize * 4,
        positions * kk * 4,
      );
    }
  } finally {
    backend.disposeData(tableInfo.dataId);
    backend.disposeData(transposed.dataId);
    backend.disposeData(cols.dataId);
  }
  return out;
}

/** The kernel anywhere else: the backend's own `Conv2DBackpropInput` with the same convolution. */
function composedKernel(backendName: string, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const attrs = args.attrs as unknown as Conv2DInputGradAttrs;
  const kernel = tf.getKernel('Conv2DBackpropInput', backendName);
  if (kernel === undefined) {
    throw new BackendError(
      `${LATENTKIT_CONV2D_INPUT_GRAD} needs the 'Conv2DBackpropInput' kernel of '${backendName}'`,
    );
  }
  return kernel.kernelFunc({
    inputs: args.inputs,
    backend: args.backend,
    attrs: {
      strides: attrs.strides,
      pad: attrs.pad,
      dataFormat: 'NHWC',
      dimRoundingMode: attrs.dimRoundingMode,
      inputShape: attrs.xShape,
    } as unknown as tf.NamedAttrMap,
  }) as tf.TensorInfo;
}

/** Backends that get the composed kernel (tfjs-wasm gets the SIMD one). */
const COMPOSED_BACKENDS = ['cpu', 'webgl', 'webgpu'] as const;

/**
 * Registers {@link LATENTKIT_CONV2D_INPUT_GRAD}. On tfjs-wasm: per block of `blockImages` images,
 * the im2col rows of the input gradient `cols = dy·Wᵀ` with latentkit's `nn` GEMM into a scratch
 * buffer, then the 128-bit SIMD col2im (`scatter` of `wasm/im2col-module.ts`) adds each row's
 * patch runs into `dx` (it throws there without SIMD: check `canRunConvFilterGrad` first). On
 * cpu, webgl and webgpu: the backend's own `Conv2DBackpropInput`. Idempotent.
 */
export function registerConv2DInputGradKernel(): void {
  if (tf.getKernel(LATENTKIT_CONV2D_INPUT_GRAD, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: LATENTKIT_CONV2D_INPUT_GRAD,
      backendName: 'wasm',
      kernelFunc: wasmKernel,
    });
  }
  for (const name of COMPOSED_BACKENDS) {
    if (tf.getKernel(LATENTKIT_CONV2D_INPUT_GRAD, name) !== undefined) continue;
    tf.registerKernel({
      kernelName: LATENTKIT_CONV2D_INPUT_GRAD,
      backendName: name,
      kernelFunc: (args) => composedKernel(name, args),
    });
  }
}
