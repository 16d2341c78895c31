/**
 * `@latentkit/tensor/internal`: building blocks shared between latentkit packages — the fused
 * Adam kernel over a caller's `WebAssembly.Memory` (which `@latentkit/models`' parallel engine
 * runs on shared memory from its worker threads), the resolution of Adam's options into kernel
 * coefficients, and the wasm heap reader; not covered by semver — any release may change or
 * remove them. Use `createAdam` from `@latentkit/tensor` instead.
 *
 * @packageDocumentation
 * @internal
 */
export type { AdamHyper } from './optim/adam-hyper.js';
export { adamCoefficients, resolveAdamHyper } from './optim/adam-hyper.js';
export type { AdamCoefficients, AdamKernel } from './optim/adam-kernel.js';
export { createAdamKernel } from './optim/adam-kernel.js';
export { heapReader } from './wasm/wasm-backend-heap.js';
