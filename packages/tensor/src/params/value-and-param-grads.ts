import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from './param-store.js';

/** What {@link valueAndParamGrads} returns; the caller owns (and disposes) every tensor. */
export interface ValueAndParamGrads {
  /** The loss value `f()` (a scalar). */
  value: tf.Scalar;
  /**
   * d loss / d parameter for each trainable parameter the loss depends on, keyed by the
   * store's full parameter names (the keys optimizers expect). Parameters the loss does not
   * depend on have no entry.
   */
  grads: Record<string, tf.Tensor>;
}

/**
 * Evaluates a scalar loss and its gradients with respect to a store's trainable parameters
 * (with `tf.variableGrads`, using latentkit's gradient registry), keyed by parameter name.
 *
 * Intermediate tensors made by `f` are disposed; only the value and the gradients survive.
 *
 * @param store - The parameters to differentiate with respect to (a scope view limits them).
 * @param f - Computes the loss from the store's variables; must return a scalar (rank 0).
 * @throws {@link InvalidArgumentError} if the store has no trainable parameter or the loss
 *   depends on none of them.
 * @throws {@link ShapeError} if `f` returns a tensor that is not a scalar.
 *
 * @example
 * ```ts
 * import { createParamStore, dense, mse, tf, valueAndParamGrads } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const fc = dense(store, 'fc', { inFeatures: 4, outFeatures: 1 }, 1);
 * const x = tf.ones([8, 4]);
 * const y = tf.zeros([8, 1]);
 * const { value, grads } = valueAndParamGrads(store, () => mse(fc.apply(x), y) as tf.Scalar);
 * // value: scalar loss; grads: { 'fc.weight': [4, 1], 'fc.bias': [1] }
 * ```
 */
export function valueAndParamGrads(store: ParamStore, f: () => tf.Scalar): ValueAndParamGrads {
  const vars = store.variables(true);
  const names = Object.keys(vars);
  if (names.length === 0) throw new InvalidArgumentError('store', 'has no trainable parameters');
  const byTfName = new Map(names.map((n) => [vars[n]!.name, n] as const));
  let wrongShape: number[] | undefined;
  const wrapped = (): tf.Scalar => {
    const y = f();
    if (y.rank !== 0) {
      // variableGrads would throw a generic assertion; remember the shape for a clear error.
      wrongShape = [...y.shape];
      return tf.sum(y) as tf.Scalar;
    }
    return y;
  };
  let result: { value: tf.Scalar; grads: tf.NamedTensorMap };
  try {
    result = tf.variableGrads(wrapped, Object.values(vars));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('Cannot find a connection')) {
      throw new InvalidArgumentError('f', 'the loss does not depend on any trainable parameter');
    }
    throw error;
  }
  if (wrongShape !== undefined) {
    result.value.dispose();
    for (const g of Object.values(result.grads)) g?.dispose();
    throw new ShapeError(
      `f must return a scalar loss, got shape [${wrongShape.join(', ')}]`,
      [],
      wrongShape,
    );
  }
  const grads: Record<string, tf.Tensor> = {};
  for (const [tfName, g] of Object.entries(result.grads)) {
    const name = byTfName.get(tfName);
    if (name !== undefined && g != null) grads[name] = g;
  }
  return { value: result.value, grads };
}
