import { InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { recordToTensor, tensorToRecord } from '../params/tensor-record.js';
import { checkClipOptions, clipGradients } from './clip-gradients.js';
import type { ClipOptions, Optimizer, OptimizerState } from './optimizer.js';
import {
  checkGradients,
  checkImportedParams,
  checkLearningRate,
  resolveParams,
} from './optimizer-checks.js';

// Internal: an optimizer whose update rule is a few tfjs kernels per parameter, with the
// bookkeeping around it (validation, clipping, per-parameter state tensors, export/import,
// disposal). Only createSgd uses it; createAdam is a fused WebAssembly pass (adam.ts).

/** Arguments of an update rule, for one parameter. All tensors are float32 of the param's shape. */
export interface UpdateArgs {
  param: tf.Tensor;
  grad: tf.Tensor;
  /** Current slot values (zeros before the first update). */
  slots: Record<string, tf.Tensor>;
  /** 1-based index of the update being made for this parameter. */
  step: number;
  /** Learning rate of this step. */
  lr: number;
  /** A cached scalar tensor for a value that does not change between steps. */
  constant(value: number): tf.Scalar;
  /** A scalar tensor for a per-step value, shared by all parameters of one step, freed after it. */
  perStep(key: string, value: () => number): tf.Scalar;
}

/** An update rule: the new parameter value and the new slot values (inside a tidy). */
export interface UpdateRule {
  kind: 'sgd';
  /** Names of the per-parameter state tensors. */
  slotNames: readonly string[];
  /**
   * Values `update` asks `constant` for; made on the first step, so that every tensor the
   * optimizer keeps exists after one step (even those only used from a parameter's 2nd step).
   */
  constants: readonly number[];
  update(args: UpdateArgs): { param: tf.Tensor; slots: Record<string, tf.Tensor> };
}

interface ParamState {
  step: number;
  slots: Record<string, tf.Variable>;
}

/** Builds an {@link Optimizer} from an update rule. */
export function createOptimizer(rule: UpdateRule, lr: number, clip: ClipOptions): Optimizer {
  checkLearningRate(lr);
  checkClipOptions(clip);
  const clipping = clip.clipNorm !== undefined || clip.clipValue !== undefined;
  // `clip` is the optimizer's whole options object; clipGradients takes only its clip keys.
  const clipOptions: ClipOptions = { clipValue: clip.clipValue, clipNorm: clip.clipNorm };
  let learningRate = lr;
  let state = new Map<string, ParamState>();
  const constants = scalarCache<number>();
  const constant = (value: number): tf.Scalar => constants.get(value, () => value);

  return {
    kind: rule.kind,
    get learningRate() {
      return learningRate;
    },
    step(grads, params) {
      const vars = resolveParams(params);
      checkGradients(grads, vars, (name) => {
        const s = state.get(name);
        return s ? Object.values(s.slots)[0]?.shape : undefined;
      });
      for (const c of rule.constants) constant(c);
      // Per-step scalars are shared by all parameters of this step; they are kept out of the
      // per-parameter tidies and freed at the end.
      const perStep = scalarCache<string>();
      try {
        tf.tidy(() => {
          const g = clipping ? clipGradients(grads, clipOptions) : grads;
          for (const [name, grad] of Object.entries(g)) {
            updateParam(rule, state, name, vars[name]!, grad, { learningRate, constant, perStep });
          }
        });
      } finally {
        perStep.dispose();
      }
    },
    setLearningRate(value) {
      checkLearningRate(value);
      learningRate = value;
    },
    exportState(): OptimizerState {
      return { kind: rule.kind, learningRate, params: exportParams(rule, state) };
    },
    importState(imported) {
      if (imported.kind !== rule.kind) {
        throw new InvalidArgumentError(
          'state',
          `was exported by a '${imported.kind}' optimizer, this is '${rule.kind}'`,
        );
      }
      checkLearningRate(imported.learningRate);
      const next = importParams(rule, imported.params);
      disposeSlots(state);
      state = next;
      learningRate = imported.learningRate;
    },
    dispose() {
      disposeSlots(state);
      state = new Map();
      constants.dispose();
    },
  };
}

/** Scalar tensors made once per key and kept out of every tidy until `dispose`. */
interface ScalarCache<K> {
  get(key: K, value: () => number): tf.Scalar;
  dispose(): void;
}

function scalarCache<K>(): ScalarCache<K> {
  const cache = new Map<K, tf.Scalar>();
  return {
    get(key, value) {
      let t = cache.get(key);
      if (!t) {
        t = tf.keep(tf.scalar(value(), 'float32'));
        cache.set(key, t);
      }
      return t;
    },
    dispose() {
      for (const t of cache.values()) t.dispose();
      cache.clear();
    },
  };
}

/** What one step shares between its parameters. */
interface StepContext {
  learningRate: number;
  constant(value: number): tf.Scalar;
  perStep: ScalarCache<string>;
}

/** Applies `rule` to one parameter, making its state (zero slots) on its first update. */
function updateParam(
  rule: UpdateRule,
  state: Map<string, ParamState>,
  name: string,
  param: tf.Variable,
  grad: tf.Tensor,
  context: StepContext,
): void {
  let s = state.get(name);
  if (!s) {
    s = { step: 0, slots: newSlots(rule.slotNames, param.shape) };
    state.set(name, s);
  }
  const step = s.step + 1;
  const slots = s.slots;
  tf.tidy(() => {
    const out = rule.update({
      param,
      grad,
      slots,
      step,
      lr: context.learningRate,
      constant: context.constant,
      perStep: (key, value) => context.perStep.get(`${key}@${step}`, value),
    });
    param.assign(out.param);
    for (const k of rule.slotNames) slots[k]!.assign(out.slots[k]!);
  });
  s.step = step;
}

function newSlots(slotNames: readonly string[], shape: number[]): Record<string, tf.Variable> {
  const slots: Record<string, tf.Variable> = {};
  for (const s of slotNames) slots[s] = tf.variable(tf.zeros(shape, 'float32'), false);
  return slots;
}

function disposeSlots(state: ReadonlyMap<string, ParamState>): void {
  for (const s of state.values()) for (const v of Object.values(s.slots)) v.dispose();
}

function exportParams(
  rule: UpdateRule,
  state: ReadonlyMap<string, ParamState>,
): OptimizerState['params'] {
  const params: OptimizerState['params'] = {};
  for (const [name, s] of state) {
    const slots: OptimizerState['params'][string]['slots'] = {};
    for (const k of rule.slotNames) slots[k] = tensorToRecord(s.slots[k]!, `${name}.${k}`);
    params[name] = { step: s.step, slots };
  }
  return params;
}

/**
 * The state of an exported `params`, built whole before anything is replaced so that a bad state
 * leaves the optimizer unchanged (what was built is freed).
 */
function importParams(
  rule: UpdateRule,
  imported: OptimizerState['params'],
): Map<string, ParamState> {
  checkImportedParams(imported, rule.slotNames);
  const next = new Map<string, ParamState>();
  try {
    for (const [name, s] of Object.entries(imported)) {
      const slots: Record<string, tf.Variable> = {};
      next.set(name, { step: s.step, slots });
      for (const k of rule.slotNames) {
        const rec = s.slots[k]!;
        const t = recordToTensor(rec, rec.shape, `${name}.${k}`);
        slots[k] = tf.variable(t, false);
        t.dispose();
      }
    }
  } catch (error) {
    disposeSlots(next);
    throw error;
  }
  return next;
}
