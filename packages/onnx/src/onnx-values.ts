import type { ConstTensor } from './read-onnx-tensor.js';

/** Element-wise activations the importer maps (ONNX `Relu`, `LeakyRelu`, `Sigmoid`, `Tanh`, `Exp`). */
export type TracedActivation = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'exp';

/**
 * A 2-D convolution (`Conv`) or transposed convolution (`ConvTranspose`) read from a graph,
 * dilation 1 and one group, with PyTorch's geometry (NCHW shapes, explicit pads).
 */
export interface ConvExpr {
  op: 'conv';
  src: Expr;
  /** Whether this is a `ConvTranspose`. */
  transpose: boolean;
  /**
   * The filter in tfjs's layout: `[kh, kw, in, out]` for a convolution, `[kh, kw, out, in]` for
   * a transposed one.
   */
  weight: Float32Array;
  /** `[out]` (zeros when the node has no bias). */
  bias: Float32Array;
  /** Per-example input `[C, H, W]`. */
  inShape: [number, number, number];
  /** Per-example output `[M, OH, OW]`. */
  outShape: [number, number, number];
  /** `[kh, kw]`. */
  kernel: [number, number];
  /** `[sh, sw]`. */
  strides: [number, number];
  /** ONNX order: `[top, left, bottom, right]`. */
  pads: [number, number, number, number];
  /** `ConvTranspose` only: `[extra rows, extra columns]` (0 for a convolution). */
  outputPadding: [number, number];
  node: string;
  opType: string;
}

/**
 * What a runtime value of a graph computes from the graph inputs, per example (the batch axis
 * is implicit): an input, a dense layer, an activation, a slice of the features, a convolution,
 * a reshape that changes the per-example shape (`Flatten` / `Reshape`; row-major, so the values
 * keep their order), or a concatenation of flat values along the features.
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
  | { op: 'slice'; src: Expr; start: number; end: number; node: string; opType: string }
  | ConvExpr
  | { op: 'reshape'; src: Expr; from: number[]; to: number[]; node: string; opType: string }
  | { op: 'concat'; parts: { expr: Expr; width: number }[]; node: string; opType: string };

/**
 * A value during tracing: a constant (initializer, `Constant`, folded shape arithmetic; `NaN`
 * stands for the unknown batch size) or a runtime activation with its per-example shape.
 */
export type TracedValue =
  | { kind: 'const'; tensor: ConstTensor }
  | { kind: 'act'; shape: number[]; expr: Expr };
