import type { ConstTensor } from './read-onnx-tensor.js';

/** Element-wise activations the importer maps (ONNX `Relu`, `LeakyRelu`, `Sigmoid`, `Tanh`, `Exp`). */
export type TracedActivation = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'exp';

/**
 * What a runtime value of an MLP graph computes from the graph input, per example (the batch axis
 * is implicit): the input itself, a dense layer, an activation, or a slice of the features.
 */
export type Expr =
  | { op: 'input'; name: string }
  | {
      op: 'dense';
      src: Expr;
      /** `[inFeatures, outFeatures]` row-major (latentkit's layout). */
      weight: Float32Array;
      /** `[outFeatures]`, or null until an `Add` supplies it. */
      bias: Float32Array | null;
      inFeatures: number;
      outFeatures: number;
      node: string;
      opType: string;
    }
  | {
      op: 'act';
      src: Expr;
      activation: TracedActivation;
      negativeSlope: number;
      node: string;
      opType: string;
    }
  | { op: 'slice'; src: Expr; start: number; end: number; node: string; opType: string };

/**
 * A value during tracing: a constant (initializer, `Constant`, folded shape arithmetic; `NaN`
 * stands for the unknown batch size) or a runtime activation with its per-example shape.
 */
export type TracedValue =
  | { kind: 'const'; tensor: ConstTensor }
  | { kind: 'act'; shape: number[]; expr: Expr };
