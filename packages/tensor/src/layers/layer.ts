import type * as tf from '@tensorflow/tfjs-core';

/**
 * A layer: parameters living in a {@link ParamStore} plus a pure function of the input.
 *
 * Layers hold no other state, so a model is plain code calling `apply` in order; gradients
 * come from differentiating that code with respect to the store's variables.
 */
export interface Layer {
  /** Full name of the layer in its store (e.g. `'encoder.fc1'`); parameters are `<name>.<key>`. */
  readonly name: string;
  /** The layer's parameters by short key (`weight`, `bias`), owned by the store. */
  readonly params: Readonly<Record<string, tf.Variable>>;
  /**
   * Applies the layer. Returns a new tensor; the input is not disposed. Call inside `tf.tidy`
   * (or dispose the result) as with any tfjs op.
   *
   * @throws {@link ShapeError} when the input's shape does not fit the layer.
   */
  apply(x: tf.Tensor): tf.Tensor;
}
