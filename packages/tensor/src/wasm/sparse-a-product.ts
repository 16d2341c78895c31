import type * as tf from '@tensorflow/tfjs-core';
import type { GemmKernels } from './gemm-instance.js';
import { SPARSE_BLOCK_ROWS } from './sparse-gemm-module.js';
import { heapAddress, type WasmBackendInternals, wasmBackendMemory } from './wasm-backend-heap.js';

/**
 * Fraction of nonzero elements of A below which `A·B` runs the zero-skipping kernel `snn`.
 * Measured on the reference VAE's shapes on x86-64 (AMD EPYC, Node 20, CPU time, min of 9): the
 * sparse kernel does about half the multiply-adds per second of the dense one (it streams rows
 * of B instead of reusing register tiles), so it breaks even at ≈ 43 % ([128,784]·[784,400]) to
 * ≈ 60 % ([128,400]·[400,784]) and runs 2.1× faster at MNIST's 19 %.
 */
export const SPARSE_NN_CROSSOVER = 0.4;

/**
 * The same for `Aᵀ·B` (`stn`; weight gradients `xᵀ·dY`), which breaks even later: ≈ 75–80 % on
 * the VAE's `[128,784]ᵀ·[128,400]` and `[128,400]ᵀ·[128,784]`; 2.8× faster at 19 %.
 */
export const SPARSE_TN_CROSSOVER = 0.6;

/**
 * Products with fewer columns stay dense: the list pass costs about as much per element of A as
 * a few columns of the product, so narrow products lose at any density (measured: N = 20, as in
 * the VAE's `[128,400]·[400,20]` and its weight gradient, runs 1.0–1.1× slower at 20 % density and
 * 1.5× slower at 44 %).
 */
export const SPARSE_MIN_COLUMNS = 64;

/** Products smaller than this many multiply-adds stay dense (the scans would not pay). */
const MIN_PRODUCT = 1 << 16;

/** Nonzero fraction per tensor buffer: the same input feeds a forward and a backward product. */
const densities = new WeakMap<object, number>();

/** How often each path ran since the module loaded (for tests and benchmarks). */
export const sparseGemmCounts = { sparse: 0, dense: 0 };

/** Sum of the 4 i32 lanes and the tail count that `nonzeros` stored at `at`. */
function readCount(memory: WebAssembly.Memory, at: number): number {
  const v = new Int32Array(memory.buffer, at, 5);
  return (
    (v[0] as number) + (v[1] as number) + (v[2] as number) + (v[3] as number) + (v[4] as number)
  );
}

/** Whether `nonfinite` stored any NaN lane at `at`. */
function readNonfinite(memory: WebAssembly.Memory, at: number): boolean {
  return new Float32Array(memory.buffer, at, 5).some((x) => Number.isNaN(x));
}

/**
 * Runs `C = op(A)·B` (+ bias, ReLU per `flags`) with the zero-skipping kernel when that is
 * faster and gives the dense result, and reports whether it did (else the caller runs the dense
 * kernel). Chosen when A's nonzero fraction (one SIMD scan, cached per tensor buffer) is below
 * {@link SPARSE_NN_CROSSOVER} / {@link SPARSE_TN_CROSSOVER}, the product has at least
 * {@link SPARSE_MIN_COLUMNS} columns and 2¹⁶ multiply-adds, and B holds no ±Inf or NaN:
 * skipping a_ik = 0 would drop the NaN that dense math gives for 0·Inf, so such products run
 * dense and agree with the cpu backend (one more SIMD scan, of B, ≈ 1/M of the product's work).
 *
 * @param tA - A is `[K, M]` (stored transposed).
 */
export function trySparseProduct(
  kernels: GemmKernels,
  backend: WasmBackendInternals,
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo; out: tf.TensorInfo; bias: number },
  dims: { m: number; n: number; k: number; tA: boolean; flags: number },
): boolean {
  const { a, b, out, bias } = inputs;
  const { m, n, k, tA, flags } = dims;
  const memory = wasmBackendMemory(backend);
  if (memory === undefined || n < SPARSE_MIN_COLUMNS || m * n * k < MIN_PRODUCT) return false;
  const aAt = heapAddress(backend, a);
  const bAt = heapAddress(backend, b);
  let density = densities.get(a.dataId);
  if (density === undefined) {
    const probe = backend.makeOutput([8], 'float32');
    const at = heapAddress(backend, probe);
    kernels.nonzeros(aAt, m * k, at);
    density = readCount(memory, at) / (m * k);
    backend.disposeData(probe.dataId);
    densities.set(a.dataId, density);
  }
  if (density >= (tA ? SPARSE_TN_CROSSOVER : SPARSE_NN_CROSSOVER)) return false;
  // Scratch: the B scan's result (the first 32 bytes), then the kernel's lists.
  const rows = Math.min(m, SPARSE_BLOCK_ROWS);
  const scratch = backend.makeOutput([8 + SPARSE_BLOCK_ROWS + 2 * k * rows], 'float32');
  try {
    const at = heapAddress(backend, scratch);
    kernels.nonfinite(bAt, k * n, at);
    if (readNonfinite(memory, at)) return false;
    const kernel = tA ? kernels.stn : kernels.snn;
    kernel(aAt, bAt, heapAddress(backend, out), bias, m, n, k, flags, at + 32);
    return true;
  } finally {
    backend.disposeData(scratch.dataId);
  }
}
