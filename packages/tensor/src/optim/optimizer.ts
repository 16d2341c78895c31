import type * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from '../params/param-store.js';
import type { TensorRecord } from '../params/tensor-record.js';

/** Parameters to update: a {@link ParamStore} or variables keyed by parameter name. */
export type ParamsLike = ParamStore | Readonly<Record<string, tf.Variable>>;

/** Gradient clipping, applied to the gradients of one `step` before the update. */
export interface ClipOptions {
  /**
   * Clip each gradient element to [−clipValue, clipValue] (applied first). Default: off.
   */
  clipValue?: number;
  /**
   * Rescale all gradients together so that their global L2 norm (over every element of every
   * gradient) is at most `clipNorm`, as PyTorch's `clip_grad_norm_` (factor
   * min(1, clipNorm / (norm + 1e-6))). Default: off.
   */
  clipNorm?: number;
}

/** Per-parameter state of an optimizer, as plain data. */
export interface ParamSlotState {
  /** Number of updates this parameter has received. */
  step: number;
  /** Named state tensors (Adam: `m`, `v`; SGD with momentum: `momentum`). */
  slots: Record<string, TensorRecord>;
}

/**
 * An optimizer's complete state as plain data, for checkpoints: importing it into a new
 * optimizer of the same kind and hyper-parameters continues exactly (bit for bit) where the
 * exported one stopped.
 */
export interface OptimizerState {
  /** Which optimizer wrote it. */
  kind: 'adam' | 'sgd';
  /** The learning rate at export (it may have been changed with `setLearningRate`). */
  learningRate: number;
  /** State per parameter name (parameters that never received a gradient are absent). */
  params: Record<string, ParamSlotState>;
}

/**
 * A first-order optimizer that updates `tf.Variable`s in place from named gradients.
 *
 * It keeps its own state tensors (moments, momentum buffers), created on the first step that
 * sees a parameter; call {@link Optimizer.dispose} to free them.
 */
export interface Optimizer {
  /** Which optimizer this is. */
  readonly kind: 'adam' | 'sgd';
  /** Current learning rate. */
  readonly learningRate: number;
  /**
   * Applies one update. Only parameters that have an entry in `grads` change (as in PyTorch,
   * where parameters without a gradient are skipped); their state and step count advance.
   * The gradients are read, not disposed; no tensor is left behind.
   *
   * @param grads - Gradient per parameter name, same shapes as the parameters.
   * @param params - The parameters, looked up by the same names.
   * @throws {@link InvalidArgumentError} for a gradient whose name is not a parameter, or a
   *   non-float32 gradient.
   * @throws {@link ShapeError} for a gradient whose shape differs from its parameter's.
   */
  step(grads: Readonly<Record<string, tf.Tensor>>, params: ParamsLike): void;
  /**
   * Changes the learning rate used by the following steps (for schedules).
   *
   * @throws {@link InvalidArgumentError} if not a finite number ≥ 0.
   */
  setLearningRate(lr: number): void;
  /** Copies the state to plain data (a synchronous download). */
  exportState(): OptimizerState;
  /**
   * Replaces the state with an exported one (state tensors are copied; the learning rate is
   * restored too). Hyper-parameters other than the learning rate come from this optimizer's
   * own options.
   *
   * @throws {@link InvalidArgumentError} if `state.kind` differs or a slot is missing.
   * @throws {@link ShapeError} if a slot's data does not match its recorded shape.
   */
  importState(state: OptimizerState): void;
  /** Frees every state tensor. The optimizer can be used again (state restarts empty). */
  dispose(): void;
}
