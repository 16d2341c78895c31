import { im2colModuleBytes } from './im2col-module.js';
import { wasmBackendMemory } from './wasm-backend-heap.js';

/** The functions of the im2col module bound to one tfjs-wasm heap (see im2col-module.ts). */
export interface Im2colKernels {
  /** `(table, entries, src, dst, images, srcImageBytes, dstImageBytes)`: replays a gather table. */
  gather(
    table: number,
    entries: number,
    src: number,
    dst: number,
    images: number,
    srcImageBytes: number,
    dstImageBytes: number,
  ): void;
  /** `(dst, src, count)`: `dst[i] += src[i]` over `count` float32s. */
  accumulate(dst: number, src: number, count: number): void;
  /**
   * `(table, entries, cols, dst, images, dstImageBytes, colsImageBytes)`: the adjoint of
   * `gather` (col2im), adding each table entry's run of im2col rows into the image it came from.
   */
  scatter(
    table: number,
    entries: number,
    cols: number,
    dst: number,
    images: number,
    dstImageBytes: number,
    colsImageBytes: number,
  ): void;
}

const cache = new WeakMap<object, Im2colKernels | null>();
const bytes = new Map<boolean, Uint8Array>();
let valid: boolean | undefined;

/**
 * latentkit's SIMD im2col kernels for a tfjs-wasm backend, working directly on its heap, or
 * `undefined` when they cannot be used there (no wasm SIMD, the backend's memory not reachable,
 * or the engine refusing to compile synchronously). The module is under 1 KB, which browsers
 * compile synchronously even on the main thread. Cached per backend object.
 *
 * @param backend - The tfjs-wasm backend (`tf.backend()`).
 */
export function wasmIm2col(backend: object): Im2colKernels | undefined {
  const cached = cache.get(backend);
  if (cached !== undefined) return cached ?? undefined;
  const memory = wasmBackendMemory(backend);
  let kernels: Im2colKernels | null = null;
  if (memory !== undefined) {
    const shared =
      typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    let b = bytes.get(shared);
    if (b === undefined) {
      b = im2colModuleBytes(shared ? { initial: 0, maximum: 65536, shared } : { initial: 0 });
      bytes.set(shared, b);
    }
    valid ??= WebAssembly.validate(b as BufferSource);
    if (valid) {
      try {
        const instance = new WebAssembly.Instance(new WebAssembly.Module(b as BufferSource), {
          env: { memory },
        });
        const e = instance.exports as unknown as Im2colKernels;
        kernels = { gather: e.gather, accumulate: e.accumulate, scatter: e.scatter };
      } catch {
        kernels = null;
      }
    }
  }
  cache.set(backend, kernels);
  return kernels ?? undefined;
}
