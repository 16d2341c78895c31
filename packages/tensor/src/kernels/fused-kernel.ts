import * as tf from '@tensorflow/tfjs-core';
import {
  heapAddress,
  type WasmBackendInternals,
  wasmBackendMemory,
} from '../wasm/wasm-backend-heap.js';

/**
 * One fused element-wise kernel: a JavaScript loop over the inputs' values that writes the
 * output's values in one pass (see {@link registerFusedKernel}).
 */
export interface FusedKernelSpec {
  /** The kernel name (registered for every backend in {@link FUSED_BACKENDS}). */
  name: string;
  /** Input names, in the order `compute` receives their values. */
  inputs: readonly string[];
  /** The output shape, from the input shapes (same order as `inputs`). */
  outputShape(shapes: readonly (readonly number[])[]): number[];
  /**
   * Writes every output value. Input arrays are read-only views (on wasm, of the backend's heap;
   * valid only during the call).
   */
  compute(
    inputs: readonly Float32Array[],
    output: Float32Array,
    shapes: readonly (readonly number[])[],
  ): void;
  /**
   * Optional faster path on tfjs-wasm: computes from the byte addresses of the inputs and the
   * output on the backend's heap (e.g. with a SIMD module importing its memory) and returns `true`,
   * or returns `false` to fall back to `compute`.
   */
  onHeap?(
    backend: object,
    addresses: readonly number[],
    output: number,
    shapes: readonly (readonly number[])[],
  ): boolean;
}

/** Backends a fused kernel is registered for (where tfjs has them). */
export const FUSED_BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'] as const;

/** What the non-wasm path needs of a backend (public members of tfjs's cpu and webgl backends). */
interface ReadWriteBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function onWasm(spec: FusedKernelSpec, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as unknown as WasmBackendInternals;
  const infos = spec.inputs.map((n) => args.inputs[n] as tf.TensorInfo);
  const shapes = infos.map((t) => t.shape);
  const out = backend.makeOutput(spec.outputShape(shapes), 'float32');
  if (spec.onHeap) {
    const at = (t: tf.TensorInfo): number =>
      tf.util.sizeFromShape(t.shape) === 0 ? 0 : heapAddress(backend, t);
    if (spec.onHeap(backend, infos.map(at), at(out), shapes)) return out;
  }
  // Views are taken after the output is allocated: allocating may grow (and detach) the heap.
  const memory = wasmBackendMemory(backend)!;
  const view = (t: tf.TensorInfo): Float32Array => {
    const size = tf.util.sizeFromShape(t.shape);
    return size === 0
      ? new Float32Array(0)
      : new Float32Array(memory.buffer, heapAddress(backend, t), size);
  };
  spec.compute(infos.map(view), view(out), shapes);
  return out;
}

function elsewhere(spec: FusedKernelSpec, args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = args.backend as unknown as ReadWriteBackend;
  const infos = spec.inputs.map((n) => args.inputs[n] as tf.TensorInfo);
  const shapes = infos.map((t) => t.shape);
  const values = infos.map((t) => {
    const v = backend.readSync(t.dataId);
    return v instanceof Float32Array ? v : Float32Array.from(v);
  });
  const shape = spec.outputShape(shapes);
  const output = new Float32Array(tf.util.sizeFromShape(shape));
  spec.compute(values, output, shapes);
  return backend.makeTensorInfo(shape, 'float32', output);
}

/**
 * Registers a fused element-wise kernel for every backend in {@link FUSED_BACKENDS} (idempotent).
 *
 * Why JavaScript loops instead of tfjs ops: the loss terms of a VAE step (Bernoulli NLL, the KL to
 * N(0, I), the reparameterization and their gradients) are chains of 4–10 element-wise tfjs
 * kernels each, ~45 kernel launches per step of the reference VAE, each with the engine's
 * bookkeeping and a pass over memory. One loop per term computes the same formulas in float64 and
 * rounds once. On tfjs-wasm the loop reads and writes the backend's heap in place (no copies); on
 * cpu it reads the stored arrays; on webgl/webgpu it downloads the inputs (correct, not fast:
 * latentkit trains on wasm and cpu).
 */
export function registerFusedKernel(spec: FusedKernelSpec): void {
  for (const backendName of FUSED_BACKENDS) {
    if (tf.getKernel(spec.name, backendName) !== undefined) continue;
    tf.registerKernel({
      kernelName: spec.name,
      backendName,
      kernelFunc: (args) =>
        backendName === 'wasm' && wasmBackendMemory(args.backend) !== undefined
          ? onWasm(spec, args)
          : elsewhere(spec, args),
    });
  }
}

/** Runs a registered fused kernel on tensors (inputs keyed by the spec's names). */
export function runFusedKernel(name: string, inputs: Record<string, tf.Tensor>): tf.Tensor {
  return tf.engine().runKernel(name, inputs as unknown as tf.NamedTensorMap) as tf.Tensor;
}
