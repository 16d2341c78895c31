import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { heapReader } from '../wasm/wasm-backend-heap.js';
import {
  type AdamHyper,
  type AdamOptions,
  adamCoefficients,
  resolveAdamHyper,
} from './adam-hyper.js';
import {
  type AdamMemory,
  ensureAdamSlots,
  exportAdamSlots,
  importAdamSlots,
} from './adam-memory.js';
import { checkClipOptions, clipGradients } from './clip-gradients.js';
import type { ClipOptions, Optimizer, OptimizerState } from './optimizer.js';
import {
  checkGradients,
  checkImportedParams,
  checkLearningRate,
  resolveParams,
} from './optimizer-checks.js';

export type { AdamOptions } from './adam-hyper.js';

/**
 * Adam (Kingma & Ba) with PyTorch's update formula, optionally with decoupled weight decay
 * (AdamW) and gradient clipping. For each parameter θ with gradient g, at its step t (1-based):
 *
 * ```
 * m ← β1·m + (1 − β1)·g                 v ← β2·v + (1 − β2)·g²
 * θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 * ```
 *
 * — the same expression and operation order as PyTorch's `torch.optim.Adam` (ε is added after
 * bias-correcting √v). With `weightDecay` λ: `'decoupled'` first sets θ ← θ·(1 − lr·λ)
 * (`AdamW`), `'l2'` uses g + λ·θ as the gradient (`Adam(weight_decay=λ)`). Clipping
 * (see {@link ClipOptions}) is applied to the gradients of each step first.
 *
 * The update of all parameters runs as one fused WebAssembly SIMD pass in float32 (IEEE
 * operations in the order above, as separate tfjs kernels would do them — the results are those
 * of the 13-kernel tfjs implementation this replaced, bit for bit): per parameter one read of
 * the gradient (a heap view on the wasm backend, `dataSync` elsewhere) and one upload of the new
 * values; clipping adds the tfjs kernels of {@link clipGradients}. The state lives in a
 * WebAssembly memory of the optimizer: per parameter `m`, `v` (float32, the parameter's shape), a
 * copy of its values and its step count t; {@link Optimizer.exportState} gives it as
 * `kind: 'adam'` with slots `m` and `v`.
 *
 * @param options - See {@link AdamOptions}.
 * @throws {@link InvalidArgumentError} for an out-of-range option.
 * @throws {@link UnknownOptionError} for an unknown option or `weightDecayMode`.
 *
 * @example
 * ```ts
 * import { createAdam, tf, valueAndParamGrads } from '@latentkit/tensor';
 *
 * const opt = createAdam({ learningRate: 1e-3, clipNorm: 5 });
 * const { value, grads } = valueAndParamGrads(store, () => loss());
 * opt.step(grads, store);
 * tf.dispose([value, ...Object.values(grads)]);
 * ```
 */
export function createAdam(options: AdamOptions = {}): Optimizer {
  const hyper = resolveAdamHyper(options);
  checkClipOptions(options);
  const clip: ClipOptions | undefined =
    options.clipValue !== undefined || options.clipNorm !== undefined
      ? { clipValue: options.clipValue, clipNorm: options.clipNorm }
      : undefined;
  const memory: AdamMemory = { slots: new Map(), kernel: undefined };
  return {
    kind: 'adam',
    get learningRate() {
      return hyper.lr;
    },
    step(grads, params) {
      const vars = resolveParams(params);
      checkGradients(grads, vars, (name) => memory.slots.get(name)?.shape);
      if (!clip) {
        stepAll(memory, hyper, grads, vars);
        return;
      }
      // Clipped gradients are new tensors (tfjs kernels, the norm summed by the backend).
      const clipped = tf.tidy(() => clipGradients(grads, clip));
      try {
        stepAll(memory, hyper, clipped, vars);
      } finally {
        for (const [name, g] of Object.entries(clipped)) if (g !== grads[name]) g.dispose();
      }
    },
    setLearningRate(value) {
      checkLearningRate(value);
      hyper.lr = value;
    },
    exportState(): OptimizerState {
      return { kind: 'adam', learningRate: hyper.lr, params: exportAdamSlots(memory) };
    },
    importState(state) {
      if (state.kind !== 'adam') {
        throw new InvalidArgumentError(
          'state',
          `was exported by a '${state.kind}' optimizer, this is 'adam'`,
        );
      }
      // Everything is checked before anything changes.
      checkLearningRate(state.learningRate);
      checkImportedParams(state.params, ['m', 'v']);
      for (const [name, p] of Object.entries(state.params)) {
        const [m, v] = [p.slots.m!.shape, p.slots.v!.shape];
        if (!tf.util.arraysEqual(m, v)) {
          throw new ShapeError(`state of '${name}': m is [${m}], v is [${v}]`, m, v);
        }
      }
      importAdamSlots(memory, state.params);
      hyper.lr = state.learningRate;
    },
    dispose() {
      memory.slots = new Map();
      memory.kernel = undefined;
    },
  };
}

/** One update of every parameter with a gradient, in the kernel's memory, then assigned back. */
function stepAll(
  memory: AdamMemory,
  hyper: AdamHyper,
  grads: Readonly<Record<string, tf.Tensor>>,
  vars: Readonly<Record<string, tf.Variable>>,
): void {
  const names = Object.keys(grads);
  ensureAdamSlots(memory, vars, names);
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

/** @deprecated Use {@link createAdam} (factories are `createX` across latentkit). */
export const adam: (options?: AdamOptions) => Optimizer = createAdam;
