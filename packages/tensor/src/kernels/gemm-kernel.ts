import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type GemmKernels, wasmGemm } from '../wasm/gemm-instance.js';
import { GEMM_BIAS, GEMM_RELU } from '../wasm/gemm-module.js';
import { sparseGemmCounts, trySparseProduct } from '../wasm/sparse-a-product.js';
import { heapAddress, type WasmBackendInternals } from '../wasm/wasm-backend-heap.js';

/** Name of latentkit's fused matrix-product kernel (see {@link gemm}). */
export const LATENTKIT_GEMM = 'LatentkitGemm';

/** Activations the {@link LATENTKIT_GEMM} kernel can fuse. */
export type GemmActivation = 'linear' | 'relu';

/**
 * Attributes of the {@link LATENTKIT_GEMM} kernel. Inputs: `a`, `b` (rank 2, float32) and
 * optionally `bias` (`[N]`). Output: `act(op(a)·op(b) + bias)` of shape `[M, N]`, where
 * `op(x)` is `xᵀ` when the matching flag is set. Both flags set is not supported by the kernel
 * ({@link gemm} rewrites that case).
 */
export interface GemmAttrs {
  /** Use `aᵀ` (`a` is `[K, M]`). */
  transposeA: boolean;
  /** Use `bᵀ` (`b` is `[N, K]`). */
  transposeB: boolean;
  /** Applied after the bias. */
  activation: GemmActivation;
}

type Inputs = { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };

/** `[M, K, N]` of the product, from the operand shapes and flags. */
export function gemmDims(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): [number, number, number] {
  const [a0, a1] = aShape as [number, number];
  const [b0, b1] = bShape as [number, number];
  return [transposeA ? a1 : a0, transposeA ? a0 : a1, transposeB ? b0 : b1];
}

/** The kernel on tfjs-wasm: latentkit's SIMD kernels on the backend's heap. */
function wasmKernel(kernels: GemmKernels, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { a, b, bias } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as GemmAttrs;
  const backend = args.backend as unknown as WasmBackendInternals;
  const [m, k, n] = gemmDims(a.shape, b.shape, attrs.transposeA, attrs.transposeB);
  const out = backend.makeOutput([m, n], 'float32');
  if (m * n === 0) return out;
  const fn = attrs.transposeA ? kernels.tn : attrs.transposeB ? kernels.nt : kernels.nn;
  const flags = (bias ? GEMM_BIAS : 0) | (attrs.activation === 'relu' ? GEMM_RELU : 0);
  // Zero-size operands (k = 0) are never read, and their address may be anything.
  const at = (t: tf.TensorInfo) =>
    tf.util.sizeFromShape(t.shape) === 0 ? 0 : heapAddress(backend, t);
  const biasAt = bias ? at(bias) : 0;
  // A·B and Aᵀ·B skip A's zeros when A is sparse enough (see sparse-a-product.ts).
  if (!attrs.transposeB) {
    const dims = { m, n, k, tA: attrs.transposeA, flags };
    if (trySparseProduct(kernels, backend, { a, b, out, bias: biasAt }, dims)) {
      sparseGemmCounts.sparse++;
      return out;
    }
  }
  sparseGemmCounts.dense++;
  fn(at(a), at(b), heapAddress(backend, out), biasAt, m, n, k, flags);
  return out;
}

/**
 * The kernel anywhere else (and on tfjs-wasm without SIMD): the backend's own `BatchMatMul`,
 * `Add` and `Relu` kernels, the intermediate buffers released.
 */
function composedKernel(backendName: string, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { a, b, bias } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as GemmAttrs;
  const backend = args.backend as tf.KernelBackend;
  const run = (name: string, inputs: tf.NamedTensorInfoMap, kernelAttrs: tf.NamedAttrMap = {}) => {
    const kernel = tf.getKernel(name, backendName);
    if (kernel === undefined) {
      throw new BackendError(`${LATENTKIT_GEMM} needs the '${name}' kernel of '${backendName}'`);
    }
    return kernel.kernelFunc({ inputs, backend, attrs: kernelAttrs }) as tf.TensorInfo;
  };
  let y = run(
    'BatchMatMul',
    { a, b },
    { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
  );
  const step = (next: tf.TensorInfo) => {
    backend.disposeData(y.dataId);
    y = next;
  };
  if (bias) step(run('Add', { a: y, b: bias }));
  if (attrs.activation === 'relu') step(run('Relu', { x: y }));
  return y;
}

/** Backends that get the composed kernel (tfjs-wasm gets the SIMD one, falling back to it). */
const COMPOSED_BACKENDS = ['cpu', 'webgl', 'webgpu'] as const;

/**
 * Registers the {@link LATENTKIT_GEMM} kernel: on tfjs-wasm, latentkit's 128-bit SIMD kernels
 * working directly on the backend's heap (no packing, no transposes; see `wasm/gemm-module.ts`),
 * falling back to the composed kernel when SIMD is absent; on cpu, webgl and webgpu, the
 * backend's own `BatchMatMul` (+ `Add`, `Relu`). Idempotent. `registerLatentkitGradients` calls it
 * (its gradient is part of latentkit's gradients).
 */
export function registerGemmKernels(): void {
  if (tf.getKernel(LATENTKIT_GEMM, 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: LATENTKIT_GEMM,
      backendName: 'wasm',
      kernelFunc: (args) => {
        const kernels = wasmGemm(args.backend);
        return kernels ? wasmKernel(kernels, args) : composedKernel('wasm', args);
      },
    });
  }
  for (const name of COMPOSED_BACKENDS) {
    if (tf.getKernel(LATENTKIT_GEMM, name) !== undefined) continue;
    tf.registerKernel({
      kernelName: LATENTKIT_GEMM,
      backendName: name,
      kernelFunc: (args) => composedKernel(name, args),
    });
  }
}
