/**
 * `@latentkit/tensor/internal`: building blocks shared between latentkit packages — the SIMD
 * GEMM and element-wise kernels bound to a caller's `WebAssembly.Memory`, the fused
 * Adam kernel over a caller's `WebAssembly.Memory` (which `@latentkit/models`' parallel engine
 * runs on shared memory from its worker threads), the resolution of Adam's options into kernel
 * coefficients, and the wasm heap reader; not covered by semver — any release may change or
 * remove them. Use `createAdam` from `@latentkit/tensor` instead.
 *
 * @packageDocumentation
 * @internal
 */

export { columnSumAt } from './kernels/column-sum-kernel.js';
export type { AdamHyper } from './optim/adam-hyper.js';
export { adamCoefficients, resolveAdamHyper } from './optim/adam-hyper.js';
export type { AdamCoefficients, AdamKernel } from './optim/adam-kernel.js';
export { createAdamKernel } from './optim/adam-kernel.js';
export type { ElementwiseKernels } from './wasm/elementwise-module.js';
export { elementwiseKernelsFor } from './wasm/elementwise-module.js';
export type { GemmKernels } from './wasm/gemm-instance.js';
export { gemmKernelsFor } from './wasm/gemm-instance.js';
export { GEMM_BIAS, GEMM_RELU } from './wasm/gemm-module.js';
export type { ProductDims } from './wasm/sparse-a-product.js';
export {
  nonzeroFraction,
  sparseProductAt,
  sparseScratchBytes,
} from './wasm/sparse-a-product.js';
export type { WasmBackendInternals } from './wasm/wasm-backend-heap.js';
export { heapAddress, heapReader, wasmBackendMemory } from './wasm/wasm-backend-heap.js';
