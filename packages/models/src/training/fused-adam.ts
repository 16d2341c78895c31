import { renamedOption, requireKnownOptions } from '@latentkit/core';
import {
  InvalidArgumentError,
  type Optimizer,
  type OptimizerState,
  type ParamsLike,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { checkNumber } from '../internal/check.js';
import { type AdamCoefficients, type AdamKernel, createAdamKernel } from './adam-kernel.js';

/** Options of {@link createFusedAdam}: those of `createAdam()` without weight decay and clipping. */
export interface FusedAdamOptions {
  /** Learning rate. Default 1e-3. */
  learningRate?: number;
  /** @deprecated Use `learningRate` (rates are spelled out across latentkit). */
  lr?: number;
  /** Decay of the first-moment average, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second-moment average, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to the denominator. Default 1e-8. */
  eps?: number;
}

/** Resolved Adam hyper-parameters (plain data; also sent to worker threads). @internal */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** Checks {@link FusedAdamOptions} and fills in the defaults. @internal */
export function resolveAdamHyper(options: FusedAdamOptions = {}): AdamHyper {
  requireKnownOptions(
    options,
    ['learningRate', 'lr', 'beta1', 'beta2', 'eps'],
    'createFusedAdam options',
  );
  const learningRate = renamedOption<number>(
    options,
    'learningRate',
    'lr',
    'createFusedAdam options',
  );
  const unit = (v: number, name: string): number => {
    if (!Number.isFinite(v) || v < 0 || v >= 1) {
      throw new InvalidArgumentError(name, `must be in [0, 1), got ${v}`);
    }
    return v;
  };
  return {
    lr: checkNumber(learningRate ?? 1e-3, 'learningRate', 'nonNegative'),
    beta1: unit(options.beta1 ?? 0.9, 'beta1'),
    beta2: unit(options.beta2 ?? 0.999, 'beta2'),
    eps: checkNumber(options.eps ?? 1e-8, 'eps', 'nonNegative'),
  };
}

/**
 * The kernel coefficients of a parameter's update number `step` (1-based), with the bias
 * corrections computed in float64 as `adam()` (and PyTorch) do. @internal
 */
export function adamCoefficients(h: AdamHyper, step: number): AdamCoefficients {
  return {
    beta1: h.beta1,
    oneMinusBeta1: 1 - h.beta1,
    beta2: h.beta2,
    oneMinusBeta2: 1 - h.beta2,
    bc2Sqrt: Math.sqrt(1 - h.beta2 ** step),
    eps: h.eps,
    stepSize: h.lr / (1 - h.beta1 ** step),
  };
}

interface Slot {
  size: number;
  shape: number[];
  /** Byte offsets of the parameter copy, gradient, m and v. */
  p: number;
  g: number;
  m: number;
  v: number;
  step: number;
  /** The variable data the `p` copy mirrors (re-read when the variable was assigned elsewhere). */
  mirrors: object | undefined;
}

const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * Reads a float32 tensor's values: on the wasm backend as a view of its heap (its backend's
 * public `typedArrayFromHeap`, no copy or allocation), elsewhere with `dataSync()`. The result
 * is only valid until the next tfjs operation. @internal
 */
export function heapReader(): (t: tf.Tensor) => Float32Array {
  const backend = tf.backend() as unknown as {
    typedArrayFromHeap?: (t: tf.Tensor) => Float32Array;
  };
  if (tf.getBackend() === 'wasm' && typeof backend.typedArrayFromHeap === 'function') {
    return (t) => backend.typedArrayFromHeap!(t);
  }
  return (t) => t.dataSync() as Float32Array;
}

function variablesOf(params: ParamsLike): Readonly<Record<string, tf.Variable>> {
  const maybe = params as { variables?: unknown };
  return typeof maybe.variables === 'function'
    ? (params as { variables(): Record<string, tf.Variable> }).variables()
    : (params as Readonly<Record<string, tf.Variable>>);
}

/**
 * Adam with the update of `adam()` from @latentkit/tensor fused into one WebAssembly SIMD pass
 * over all parameters (see `adam-kernel.ts`): the same float32 operations in the same order, so
 * the parameters and state are **bit-identical** to `adam()` with the same options, at about
 * 1/15 of the time for the reference VAE (one download of the gradients and one upload of the
 * parameters instead of 13 tfjs kernels per parameter).
 *
 * The moments live in a WebAssembly memory of this optimizer, not in tfjs tensors; the state
 * format of {@link Optimizer.exportState} is that of `adam()` (`kind: 'adam'`, slots `m`, `v`),
 * so checkpoints move freely between the two. Weight decay and clipping are not offered: use
 * `adam()` for those.
 *
 * @param options - See {@link FusedAdamOptions}.
 * @throws {@link InvalidArgumentError} for an out-of-range option; {@link UnknownOptionError} for
 *   an unknown one.
 */
export function createFusedAdam(options: FusedAdamOptions = {}): Optimizer {
  const hyper = resolveAdamHyper(options);
  const memory: FusedMemory = { slots: new Map(), kernel: undefined };
  return {
    kind: 'adam',
    get learningRate() {
      return hyper.lr;
    },
    step(grads, params) {
      const vars = variablesOf(params);
      checkGradients(grads, vars, memory.slots);
      stepAll(memory, hyper, grads, vars);
    },
    setLearningRate(value) {
      hyper.lr = checkNumber(value, 'learningRate', 'nonNegative');
    },
    exportState(): OptimizerState {
      return { kind: 'adam', learningRate: hyper.lr, params: exportSlots(memory) };
    },
    importState(state) {
      if (state.kind !== 'adam') {
        throw new InvalidArgumentError(
          'state',
          `was exported by a '${state.kind}' optimizer, this is 'adam'`,
        );
      }
      const lr = checkNumber(state.learningRate, 'state.learningRate', 'nonNegative');
      // Check everything before changing anything.
      checkImportedParams(state.params);
      importSlots(memory, state.params);
      hyper.lr = lr;
    },
    dispose() {
      memory.slots = new Map();
      memory.kernel = undefined;
    },
  };
}

/** The state of a {@link fusedAdam}: its parameters' slots and the kernel over their memory. */
interface FusedMemory {
  slots: Map<string, Slot>;
  /** Absent before the first step or import, and after `dispose`. */
  kernel: AdamKernel | undefined;
}

/** (Re)allocates the memory for `names`, keeping existing state. */
function layout(
  memory: FusedMemory,
  vars: Readonly<Record<string, tf.Variable>>,
  names: string[],
): void {
  const { slots, kernel } = memory;
  const all = [...new Set([...slots.keys(), ...names])];
  let offset = 0;
  const next = new Map<string, Slot>();
  for (const name of all) {
    const old = slots.get(name);
    const shape = old?.shape ?? [...vars[name]!.shape];
    const size = old?.size ?? vars[name]!.size;
    const bytes = pad4(size) * 4;
    next.set(name, {
      size,
      shape,
      p: offset,
      g: offset + bytes,
      m: offset + 2 * bytes,
      v: offset + 3 * bytes,
      step: old?.step ?? 0,
      mirrors: undefined,
    });
    offset += 4 * bytes;
  }
  const wasm = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(offset / 65536)) });
  const heap = new Float32Array(wasm.buffer);
  if (kernel) {
    const oldHeap = new Float32Array(kernel.memory.buffer);
    for (const [name, s] of slots) {
      const n = next.get(name)!;
      heap.set(oldHeap.subarray(s.m >> 2, (s.m >> 2) + s.size), n.m >> 2);
      heap.set(oldHeap.subarray(s.v >> 2, (s.v >> 2) + s.size), n.v >> 2);
    }
  }
  memory.slots = next;
  memory.kernel = createAdamKernel(wasm);
}

/** Checks every gradient's name, dtype and shape (against its parameter and its slot). */
function checkGradients(
  grads: Readonly<Record<string, tf.Tensor>>,
  vars: Readonly<Record<string, tf.Variable>>,
  slots: ReadonlyMap<string, Slot>,
): void {
  for (const [name, g] of Object.entries(grads)) {
    const p = vars[name];
    if (!p) throw new InvalidArgumentError('grads', `'${name}' is not a parameter`);
    if (g.dtype !== 'float32') {
      throw new InvalidArgumentError(`grads.${name}`, `must be float32, got ${g.dtype}`);
    }
    const known = slots.get(name)?.shape ?? p.shape;
    for (const shape of [p.shape, known]) {
      if (!tf.util.arraysEqual(g.shape, shape)) {
        throw new ShapeError(
          `gradient of '${name}' has shape [${g.shape.join(', ')}], expected [${shape.join(', ')}]`,
          shape,
          g.shape,
        );
      }
    }
  }
}

/** One update of every parameter with a gradient, in the kernel's memory, then assigned back. */
function stepAll(
  memory: FusedMemory,
  hyper: AdamHyper,
  grads: Readonly<Record<string, tf.Tensor>>,
  vars: Readonly<Record<string, tf.Variable>>,
): void {
  const names = Object.keys(grads);
  if (!memory.kernel || names.some((n) => !memory.slots.has(n))) layout(memory, vars, names);
  const k = memory.kernel!;
  const heap = new Float32Array(k.memory.buffer);
  const read = heapReader();
  const onWasm = tf.getBackend() === 'wasm';
  for (const name of names) {
    const s = memory.slots.get(name)!;
    const variable = vars[name]!;
    if (s.mirrors !== variable.dataId) heap.set(read(variable), s.p >> 2);
    heap.set(read(grads[name]!), s.g >> 2);
    s.step += 1;
    k.adam(s.p, s.g, s.m, s.v, s.size, adamCoefficients(hyper, s.step));
    // wasm copies the values into its heap; other backends (cpu) keep the array: copy.
    const view = heap.subarray(s.p >> 2, (s.p >> 2) + s.size);
    const value = tf.tensor(onWasm ? view : view.slice(), s.shape, 'float32');
    variable.assign(value);
    value.dispose();
    s.mirrors = variable.dataId;
  }
}

/** The moments in `adam()`'s state format (parameters never updated are left out). */
function exportSlots(memory: FusedMemory): OptimizerState['params'] {
  const params: OptimizerState['params'] = {};
  if (!memory.kernel) return params;
  const heap = new Float32Array(memory.kernel.memory.buffer);
  for (const [name, s] of memory.slots) {
    if (s.step === 0) continue;
    const rec = (at: number) => ({
      shape: [...s.shape],
      dtype: 'float32' as const,
      data: heap.slice(at >> 2, (at >> 2) + s.size),
    });
    params[name] = { step: s.step, slots: { m: rec(s.m), v: rec(s.v) } };
  }
  return params;
}

/** Checks an imported state's steps and `m`, `v` slots. */
function checkImportedParams(params: OptimizerState['params']): void {
  for (const [name, p] of Object.entries(params)) {
    if (!Number.isInteger(p.step) || p.step < 0) {
      throw new InvalidArgumentError(`state.${name}.step`, `must be an integer ≥ 0`);
    }
    for (const key of ['m', 'v']) {
      const rec = p.slots[key];
      if (!rec) throw new InvalidArgumentError('state', `'${name}' has no slot '${key}'`);
      const size = rec.shape.reduce((a, b) => a * b, 1);
      if (rec.data.length !== size) {
        throw new ShapeError(
          `${name}.${key}: ${rec.data.length} values for shape [${rec.shape.join(', ')}]`,
          rec.shape,
          [rec.data.length],
        );
      }
    }
  }
}

/** Replaces the slots with those of a checked imported state. */
function importSlots(memory: FusedMemory, params: OptimizerState['params']): void {
  memory.slots = new Map();
  memory.kernel = undefined;
  const entries = Object.entries(params);
  const fake: Record<string, tf.Variable> = {};
  for (const [name, p] of entries) {
    fake[name] = { shape: p.slots.m!.shape, size: p.slots.m!.data.length } as tf.Variable;
  }
  if (entries.length > 0) {
    layout(memory, fake, Object.keys(fake));
    const heap = new Float32Array(memory.kernel!.memory.buffer);
    for (const [name, p] of entries) {
      const s = memory.slots.get(name)!;
      s.step = p.step;
      heap.set(p.slots.m!.data, s.m >> 2);
      heap.set(p.slots.v!.data, s.v >> 2);
    }
  }
}

/** @deprecated Use {@link createFusedAdam} (factories are `createX` across latentkit). */
export const fusedAdam: (options?: FusedAdamOptions) => Optimizer = createFusedAdam;
