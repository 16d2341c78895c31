// The checks every optimizer makes (createAdam's fused pass and createSgd's tfjs update rule):
// one definition each, so that both refuse the same inputs with the same errors.
import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState, ParamsLike } from './optimizer.js';

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

/** The variables of a {@link ParamsLike}, by name. */
export function resolveParams(params: ParamsLike): Readonly<Record<string, tf.Variable>> {
  const maybeStore = params as { variables?: unknown };
  if (typeof maybeStore.variables === 'function') {
    return (params as { variables(): Record<string, tf.Variable> }).variables();
  }
  return params as Readonly<Record<string, tf.Variable>>;
}

/**
 * Checks every gradient against its parameter (name, dtype, shape) and against the shape of the
 * parameter's optimizer state, if any.
 *
 * @param stateShape - The shape of a parameter's state, or `undefined` if it has none yet.
 * @throws {@link InvalidArgumentError} for a name that is not a parameter or a non-float32
 *   gradient.
 * @throws {@link ShapeError} for a gradient shaped unlike its parameter, or a parameter shaped
 *   unlike its state (e.g. imported from another model).
 */
export function checkGradients(
  grads: Readonly<Record<string, tf.Tensor>>,
  vars: Readonly<Record<string, tf.Variable>>,
  stateShape: (name: string) => readonly number[] | undefined,
): void {
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
    const slot = stateShape(name);
    if (slot && !tf.util.arraysEqual([...slot], p.shape)) {
      throw new ShapeError(
        `optimizer state of '${name}' has shape [${slot.join(', ')}], parameter has [${p.shape.join(', ')}]`,
        p.shape,
        [...slot],
      );
    }
  }
}

/**
 * Checks an exported state's `params` before anything is imported: integer steps ≥ 0, every
 * slot in `slotNames` present, with as many values as its shape has elements.
 *
 * @throws {@link InvalidArgumentError} for a bad step or a missing slot.
 * @throws {@link ShapeError} for a slot whose data does not match its shape.
 */
export function checkImportedParams(
  params: OptimizerState['params'],
  slotNames: readonly string[],
): void {
  for (const [name, s] of Object.entries(params)) {
    if (!Number.isInteger(s.step) || s.step < 0) {
      throw new InvalidArgumentError(`state.${name}.step`, `must be an integer ≥ 0, got ${s.step}`);
    }
    for (const k of slotNames) {
      const rec = s.slots[k];
      if (!rec) throw new InvalidArgumentError('state', `'${name}' has no slot '${k}'`);
      const size = rec.shape.reduce((a, b) => a * b, 1);
      if (rec.data.length !== size) {
        throw new ShapeError(
          `${name}.${k}: ${rec.data.length} values for shape [${rec.shape.join(', ')}]`,
          rec.shape,
          [rec.data.length],
        );
      }
    }
  }
}
