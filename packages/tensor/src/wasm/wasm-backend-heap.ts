import { BackendError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The parts of tfjs-wasm's `BackendWasm` (4.x) that latentkit's own wasm kernels use. They are
 * public members of the class, but not of tfjs-core's `KernelBackend` type, hence this interface.
 */
export interface WasmBackendInternals {
  /** The Emscripten module; its exports (`asm`) hold the linear memory of the heap. */
  wasm: { asm?: Record<string, unknown>; wasmMemory?: unknown };
  /** Per tensor buffer: its byte address on the heap. */
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  /** Allocates an output tensor on the heap (its contents are uninitialized). */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of a tensor's data on the heap (no copy). */
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
  /** Frees a buffer made by {@link WasmBackendInternals.makeOutput}. */
  disposeData(dataId: object): boolean;
}

/**
 * The `WebAssembly.Memory` that holds a tfjs-wasm backend's heap (every tensor's data), or
 * `undefined` when it cannot be reached: the single-threaded builds (the only ones used in Node)
 * export it from the module (`backend.wasm.asm.memory`); the multi-threaded build keeps its shared
 * memory private unless the page passed one in (`wasmMemory`).
 *
 * The memory can grow while tfjs allocates tensors; a module that imports this very object sees
 * the grown memory (only `ArrayBuffer` views taken before a growth go stale).
 *
 * @param backend - A tfjs backend (anything else gives `undefined`).
 */
export function wasmBackendMemory(backend: unknown): WebAssembly.Memory | undefined {
  const wasm = (backend as Partial<WasmBackendInternals> | undefined)?.wasm;
  const memory = wasm?.asm?.memory ?? wasm?.wasmMemory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

/**
 * Byte address of a tensor's data on the heap of the wasm backend that holds it.
 *
 * @throws Error when the backend has no data for `info` (not a tensor of this backend).
 */
export function heapAddress(backend: WasmBackendInternals, info: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new BackendError('tensor data not found on the wasm backend');
  return data.memoryOffset;
}

/**
 * Reads a float32 tensor's values: on the wasm backend as a view of its heap (the backend's
 * public `typedArrayFromHeap`, no copy or allocation), elsewhere with `dataSync()`. The result
 * is only valid until the next tfjs operation (a heap view goes stale when the heap grows; cpu
 * arrays are the tensor's own, so never write to them).
 *
 * @returns A reader for tensors of the backend active now.
 * @internal
 */
export function heapReader(): (t: tf.Tensor) => Float32Array {
  const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
  if (tf.getBackend() === 'wasm' && typeof backend.typedArrayFromHeap === 'function') {
    return (t) => backend.typedArrayFromHeap!(t) as Float32Array;
  }
  return (t) => t.dataSync() as Float32Array;
}
