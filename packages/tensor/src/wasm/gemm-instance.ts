import { gemmModuleBytes } from './gemm-module.js';
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

/** The three kernels of a GEMM module bound to one tfjs-wasm heap. */
export interface GemmKernels {
  /** C[M,N] = A[M,K]·B[K,N]. */
  nn: GemmFunction;
  /** C[M,N] = A[K,M]ᵀ·B[K,N]. */
  tn: GemmFunction;
  /** C[M,N] = A[M,K]·B[N,K]ᵀ. */
  nt: GemmFunction;
}

// Per backend object: its kernels, or null when they cannot be used there (no SIMD, no reachable
// memory).
const cache = new WeakMap<object, GemmKernels | null>();
// Backends whose synchronous compile was refused (not cached as null: the asynchronous
// prepareWasmGemm may still succeed there), so that it is not attempted on every product.
const syncRefused = new WeakSet<object>();
const bytes = new Map<boolean, Uint8Array>();
let valid: boolean | undefined;

/** The module for a memory, or undefined when the engine lacks wasm SIMD. */
function moduleFor(memory: WebAssembly.Memory): Uint8Array | undefined {
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  let b = bytes.get(shared);
  if (b === undefined) {
    // No maximum: any non-shared memory matches. A shared memory must declare one ≥ its own, and
    // 65536 pages (4 GiB) is the largest there is.
    b = gemmModuleBytes(shared ? { initial: 0, maximum: 65536, shared } : { initial: 0 });
    bytes.set(shared, b);
  }
  valid ??= WebAssembly.validate(b as BufferSource);
  return valid ? b : undefined;
}

function bind(instance: WebAssembly.Instance): GemmKernels {
  const e = instance.exports as unknown as GemmKernels;
  return { nn: e.nn, tn: e.tn, nt: e.nt };
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
  const b = memory && moduleFor(memory);
  let kernels: GemmKernels | null = null;
  if (memory !== undefined && b !== undefined) {
    try {
      kernels = bind(
        new WebAssembly.Instance(new WebAssembly.Module(b as BufferSource), { env: { memory } }),
      );
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
      const module = await WebAssembly.compile(b as BufferSource);
      kernels = bind(await WebAssembly.instantiate(module, { env: { memory } }));
    } catch {
      kernels = null; // the stock products are used
    }
  }
  cache.set(backend, kernels);
  return kernels !== null;
}
