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

/** The shape of a product `C[m, n] = op(A)·B` and its epilogue flags. @internal */
export interface ProductDims {
  m: number;
  n: number;
  k: number;
  /** A is `[K, M]` (stored transposed). */
  tA: boolean;
  flags: number;
}

/**
 * Bytes of scratch space {@link sparseProductAt} needs for a product with these `m` and `k`:
 * 32 for the B scan's result, then the kernel's row lists.
 *
 * @internal
 */
export function sparseScratchBytes(m: number, k: number): number {
  return 4 * (8 + SPARSE_BLOCK_ROWS + 2 * k * Math.min(m, SPARSE_BLOCK_ROWS));
}

/**
 * The nonzero fraction of `count` float32 values at byte address `x` (one SIMD scan; the scan's
 * 32-byte result goes to `probe`).
 *
 * @internal
 */
export function nonzeroFraction(
  kernels: GemmKernels,
  memory: WebAssembly.Memory,
  x: number,
  count: number,
  probe: number,
): number {
  if (count === 0) return 1;
  kernels.nonzeros(x, count, probe);
  return readCount(memory, probe) / count;
}

/** Whether a product of these dimensions, with A of this nonzero fraction, skips A's zeros. */
function sparsePays(dims: ProductDims, density: number): boolean {
  const { m, n, k, tA } = dims;
  if (n < SPARSE_MIN_COLUMNS || m * n * k < MIN_PRODUCT) return false;
  return density < (tA ? SPARSE_TN_CROSSOVER : SPARSE_NN_CROSSOVER);
}

/**
 * Runs `C = op(A)·B` (+ bias, ReLU per `flags`) with the zero-skipping kernel when that is faster
 * and gives the dense result (see {@link trySparseProduct}), on byte addresses of any memory the
 * kernels were bound to, and reports whether it did (else the caller runs the dense kernel).
 *
 * @param at - Byte addresses of A, B, C, the bias (0 for none) and {@link sparseScratchBytes} of
 *   scratch space.
 * @param density - A's nonzero fraction ({@link nonzeroFraction}).
 * @internal
 */
export function sparseProductAt(
  kernels: GemmKernels,
  memory: WebAssembly.Memory,
  at: { a: number; b: number; c: number; bias: number; scratch: number },
  dims: ProductDims,
  density: number,
): boolean {
  if (!sparsePays(dims, density)) return false;
  const { m, n, k, tA, flags } = dims;
  kernels.nonfinite(at.b, k * n, at.scratch);
  if (readNonfinite(memory, at.scratch)) return false;
  const kernel = tA ? kernels.stn : kernels.snn;
  kernel(at.a, at.b, at.c, at.bias, m, n, k, flags, at.scratch + 32);
  return true;
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
  dims: ProductDims,
): boolean {
  const { a, b, out, bias } = inputs;
  const { m, k } = dims;
  const memory = wasmBackendMemory(backend);
  if (memory === undefined || !sparsePays(dims, 0)) return false;
  const aAt = heapAddress(backend, a);
  let density = densities.get(a.dataId);
  if (density === undefined) {
    const probe = backend.makeOutput([8], 'float32');
    density = nonzeroFraction(kernels, memory, aAt, m * k, heapAddress(backend, probe));
    backend.disposeData(probe.dataId);
    densities.set(a.dataId, density);
  }
  if (!sparsePays(dims, density)) return false;
  const scratch = backend.makeOutput([sparseScratchBytes(m, k) / 4], 'float32');
  try {
    const addresses = {
      a: aAt,
      b: heapAddress(backend, b),
      c: heapAddress(backend, out),
      bias,
      scratch: heapAddress(backend, scratch),
    };
    return sparseProductAt(kernels, memory, addresses, dims, density);
  } finally {
    backend.disposeData(scratch.dataId);
  }
}
