import { gemmModuleBytes } from './gemm-module.js';
import { relaxedMaddAvailable } from './simd-madd.js';
import { sparseGemmModuleBytes } from './sparse-gemm-module.js';
import { wasmBackendMemory } from './wasm-backend-heap.js';

/** One GEMM kernel: `(a, b, c, bias, M, N, K, flags)`, byte addresses (see gemm-module.ts). */
export type GemmFunction = (
  a: number,
  b: number,
  c: number,
  bias: number,
  m: number,
  n: number,
  k: number,
  flags: number,
) => void;

/**
 * A zero-skipping GEMM kernel: `(a, b, c, bias, M, N, K, flags, list)`, byte addresses, `list`
 * scratch space (its size is in sparse-gemm-module.ts).
 */
export type SparseGemmFunction = (...args: [...Parameters<GemmFunction>, list: number]) => void;

/** A scan `(x, count, out)` of `count` float32 values (see sparse-gemm-module.ts). */
export type ScanFunction = (x: number, count: number, out: number) => void;

/** The kernels of the GEMM modules bound to one tfjs-wasm heap. */
export interface GemmKernels {
  /** C[M,N] = A[M,K]·B[K,N]. */
  nn: GemmFunction;
  /** C[M,N] = A[K,M]ᵀ·B[K,N]. */
  tn: GemmFunction;
  /** C[M,N] = A[M,K]·B[N,K]ᵀ. */
  nt: GemmFunction;
  /** nn skipping the zero elements of A. */
  snn: SparseGemmFunction;
  /** tn skipping the zero elements of A. */
  stn: SparseGemmFunction;
  /** Per-lane counts of the nonzero values of a float32 array. */
  nonzeros: ScanFunction;
  /** NaN lanes iff a float32 array holds a non-finite value. */
  nonfinite: ScanFunction;
}

// Per backend object: its kernels, or null when they cannot be used there (no SIMD, no reachable
// memory).
const cache = new WeakMap<object, GemmKernels | null>();
// Backends whose synchronous compile was refused (not cached as null: the asynchronous
// prepareWasmGemm may still succeed there), so that it is not attempted on every product.
const syncRefused = new WeakSet<object>();
const bytes = new Map<boolean, Uint8Array[]>();
let valid: boolean | undefined;

/** The modules (dense, sparse) for a memory, or undefined when the engine lacks wasm SIMD. */
function moduleFor(memory: WebAssembly.Memory): Uint8Array[] | undefined {
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  let b = bytes.get(shared);
  if (b === undefined) {
    // No maximum: any non-shared memory matches. A shared memory must declare one ≥ its own, and
    // 65536 pages (4 GiB) is the largest there is.
    const declared = shared ? { initial: 0, maximum: 65536, shared } : { initial: 0 };
    // Fused multiply-adds where the engine has relaxed SIMD (see simd-madd.ts).
    const fused = relaxedMaddAvailable();
    b = [gemmModuleBytes(declared, {}, fused), sparseGemmModuleBytes(declared, fused)];
    bytes.set(shared, b);
  }
  valid ??= b.every((x) => WebAssembly.validate(x as BufferSource));
  return valid ? b : undefined;
}

function bind(instances: WebAssembly.Instance[]): GemmKernels {
  const [d, s] = instances.map((i) => i.exports) as unknown as [GemmKernels, GemmKernels];
  return {
    nn: d.nn,
    tn: d.tn,
    nt: d.nt,
    snn: s.snn,
    stn: s.stn,
    nonzeros: s.nonzeros,
    nonfinite: s.nonfinite,
  };
}

/** Kernels bound to a memory (any `WebAssembly.Memory`, not only a backend's heap). */
const byMemory = new WeakMap<WebAssembly.Memory, GemmKernels | null>();

/**
 * latentkit's SIMD GEMM kernels bound to a `WebAssembly.Memory` (compiled synchronously, which
 * Node and workers allow, unless {@link prepareWasmGemm} bound them to this memory already), or
 * `undefined` when the engine lacks wasm SIMD. Cached per memory. For code that keeps its own operands in a memory of its own,
 * such as the parallel engine's workers on their shared memory.
 *
 * @internal
 */
export function gemmKernelsFor(memory: WebAssembly.Memory): GemmKernels | undefined {
  // Throws where the engine refuses a synchronous compile (a browser's main thread).
  const cached = byMemory.get(memory);
  if (cached !== undefined) return cached ?? undefined;
  const b = moduleFor(memory);
  if (b === undefined) {
    byMemory.set(memory, null);
    return undefined;
  }
  const kernels = bind(
    b.map(
      (x) =>
        new WebAssembly.Instance(new WebAssembly.Module(x as BufferSource), { env: { memory } }),
    ),
  );
  byMemory.set(memory, kernels);
  return kernels;
}

/**
 * latentkit's SIMD GEMM kernels for a tfjs-wasm backend, working directly on its heap, or
 * `undefined` when they cannot be used there: the engine lacks wasm SIMD, the backend's memory is
 * not reachable (the multi-threaded build), or the engine refuses to compile synchronously (a
 * browser's main thread; {@link prepareWasmGemm}, which `initBackend` awaits, compiles
 * asynchronously instead). The result is cached per backend object.
 *
 * @param backend - The tfjs-wasm backend (`tf.backend()`).
 */
export function wasmGemm(backend: object): GemmKernels | undefined {
  const cached = cache.get(backend);
  if (cached !== undefined) return cached ?? undefined;
  if (syncRefused.has(backend)) return undefined;
  const memory = wasmBackendMemory(backend);
  let kernels: GemmKernels | null = null;
  if (memory !== undefined) {
    try {
      kernels = gemmKernelsFor(memory) ?? null;
    } catch {
      syncRefused.add(backend); // e.g. on a browser's main thread
      return undefined;
    }
  }
  cache.set(backend, kernels);
  return kernels ?? undefined;
}

/**
 * Compiles and binds the GEMM kernels for a tfjs-wasm backend asynchronously (browsers refuse to
 * compile modules over 4 KB synchronously on the main thread) and caches them for
 * {@link wasmGemm}.
 *
 * @param backend - The tfjs-wasm backend (`tf.backend()`).
 * @returns Whether the kernels can be used on this backend.
 */
export async function prepareWasmGemm(backend: object): Promise<boolean> {
  const cached = cache.get(backend);
  if (cached !== undefined) return cached !== null;
  const memory = wasmBackendMemory(backend);
  const b = memory && moduleFor(memory);
  let kernels: GemmKernels | null = null;
  if (memory !== undefined && b !== undefined) {
    try {
      const modules = await Promise.all(b.map((x) => WebAssembly.compile(x as BufferSource)));
      kernels = bind(
        await Promise.all(modules.map((m) => WebAssembly.instantiate(m, { env: { memory } }))),
      );
    } catch {
      kernels = null; // the stock products are used
    }
    if (kernels) byMemory.set(memory, kernels);
  }
  cache.set(backend, kernels);
  return kernels !== null;
}
