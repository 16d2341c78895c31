import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { recordToTensor, tensorToRecord } from '../params/tensor-record.js';
import { checkClipOptions, clipGradients } from './clip-gradients.js';
import type { ClipOptions, Optimizer, OptimizerState, ParamsLike } from './optimizer.js';

// Internal: the bookkeeping shared by adam and sgd (validation, clipping, per-parameter state,
// export/import, disposal). Each optimizer only supplies its update rule.

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
  kind: 'adam' | 'sgd';
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

/**
 * Checks a learning rate.
 *
 * @throws {@link InvalidArgumentError} unless it is a finite number ≥ 0.
 */
export function checkLearningRate(lr: number): void {
  if (!Number.isFinite(lr) || lr < 0) {
    throw new InvalidArgumentError('lr', `must be a finite number ≥ 0, got ${lr}`);
  }
}

function resolveParams(params: ParamsLike): Readonly<Record<string, tf.Variable>> {
  const maybeStore = params as { variables?: unknown };
  if (typeof maybeStore.variables === 'function') {
    return (params as { variables(): Record<string, tf.Variable> }).variables();
  }
  return params as Readonly<Record<string, tf.Variable>>;
}

/** Builds an {@link Optimizer} from an update rule. */
export function createOptimizer(rule: UpdateRule, lr: number, clip: ClipOptions): Optimizer {
  checkLearningRate(lr);
  checkClipOptions(clip);
  const clipping = clip.clipNorm !== undefined || clip.clipValue !== undefined;
  let learningRate = lr;
  let state = new Map<string, ParamState>();
  const constants = new Map<number, tf.Scalar>();

  const constant = (value: number): tf.Scalar => {
    let c = constants.get(value);
    if (!c) {
      c = tf.keep(tf.scalar(value, 'float32'));
      constants.set(value, c);
    }
    return c;
  };

  const newSlots = (shape: number[]): Record<string, tf.Variable> => {
    const slots: Record<string, tf.Variable> = {};
    for (const s of rule.slotNames) slots[s] = tf.variable(tf.zeros(shape, 'float32'), false);
    return slots;
  };

  const disposeState = (): void => {
    for (const s of state.values()) for (const v of Object.values(s.slots)) v.dispose();
    state = new Map();
  };

  const validate = (
    grads: Readonly<Record<string, tf.Tensor>>,
    vars: Readonly<Record<string, tf.Variable>>,
  ): void => {
    for (const [name, g] of Object.entries(grads)) {
      const p = vars[name];
      if (!p) throw new InvalidArgumentError('grads', `'${name}' is not a parameter`);
      if (g.dtype !== 'float32') {
        throw new InvalidArgumentError(`grads.${name}`, `must be float32, got ${g.dtype}`);
      }
      if (!tf.util.arraysEqual(g.shape, p.shape)) {
        throw new ShapeError(
          `gradient of '${name}' has shape [${g.shape.join(', ')}], parameter has [${p.shape.join(', ')}]`,
          p.shape,
          g.shape,
        );
      }
      const s = state.get(name);
      const slot = s ? Object.values(s.slots)[0] : undefined;
      if (slot && !tf.util.arraysEqual(slot.shape, p.shape)) {
        throw new ShapeError(
          `optimizer state of '${name}' has shape [${slot.shape.join(', ')}], parameter has [${p.shape.join(', ')}]`,
          p.shape,
          slot.shape,
        );
      }
    }
  };

  return {
    kind: rule.kind,
    get learningRate() {
      return learningRate;
    },
    step(grads, params) {
      const vars = resolveParams(params);
      validate(grads, vars);
      for (const c of rule.constants) constant(c);
      // Per-step scalars are shared by all parameters of this step; they are kept out of the
      // per-parameter tidies and freed at the end.
      const perStepCache = new Map<string, tf.Scalar>();
      const perStep = (key: string, value: () => number): tf.Scalar => {
        let t = perStepCache.get(key);
        if (!t) {
          t = tf.keep(tf.scalar(value(), 'float32'));
          perStepCache.set(key, t);
        }
        return t;
      };
      try {
        tf.tidy(() => {
          const g = clipping ? clipGradients(grads, clip) : grads;
          for (const [name, grad] of Object.entries(g)) {
            const param = vars[name]!;
            let s = state.get(name);
            if (!s) {
              s = { step: 0, slots: newSlots(param.shape) };
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
                lr: learningRate,
                constant,
                perStep: (key, value) => perStep(`${key}@${step}`, value),
              });
              param.assign(out.param);
              for (const k of rule.slotNames) slots[k]!.assign(out.slots[k]!);
            });
            s.step = step;
          }
        });
      } finally {
        for (const t of perStepCache.values()) t.dispose();
      }
    },
    setLearningRate(value) {
      checkLearningRate(value);
      learningRate = value;
    },
    exportState(): OptimizerState {
      const params: OptimizerState['params'] = {};
      for (const [name, s] of state) {
        const slots: OptimizerState['params'][string]['slots'] = {};
        for (const k of rule.slotNames) slots[k] = tensorToRecord(s.slots[k]!, `${name}.${k}`);
        params[name] = { step: s.step, slots };
      }
      return { kind: rule.kind, learningRate, params };
    },
    importState(imported) {
      if (imported.kind !== rule.kind) {
        throw new InvalidArgumentError(
          'state',
          `was exported by a '${imported.kind}' optimizer, this is '${rule.kind}'`,
        );
      }
      checkLearningRate(imported.learningRate);
      // Build everything first so that a bad state leaves this optimizer unchanged.
      const next = new Map<string, ParamState>();
      try {
        for (const [name, s] of Object.entries(imported.params)) {
          if (!Number.isInteger(s.step) || s.step < 0) {
            throw new InvalidArgumentError(
              `state.${name}.step`,
              `must be an integer ≥ 0, got ${s.step}`,
            );
          }
          const slots: Record<string, tf.Variable> = {};
          next.set(name, { step: s.step, slots });
          for (const k of rule.slotNames) {
            const rec = s.slots[k];
            if (!rec) throw new InvalidArgumentError('state', `'${name}' has no slot '${k}'`);
            const t = recordToTensor(rec, rec.shape, `${name}.${k}`);
            slots[k] = tf.variable(t, false);
            t.dispose();
          }
        }
      } catch (error) {
        for (const s of next.values()) for (const v of Object.values(s.slots)) v.dispose();
        throw error;
      }
      disposeState();
      state = next;
      learningRate = imported.learningRate;
    },
    dispose() {
      disposeState();
      for (const c of constants.values()) c.dispose();
      constants.clear();
    },
  };
}
