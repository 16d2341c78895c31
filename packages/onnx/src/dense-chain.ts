import type { FloatActivation } from '@latentkit/quantize';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { Expr } from './onnx-values.js';

/** One dense layer read from a graph: `activation(x · weight + bias)`. */
export interface DenseStep {
  /** `[inFeatures, outFeatures]` row-major. */
  weight: Float32Array;
  /** `[outFeatures]`. */
  bias: Float32Array;
  inFeatures: number;
  outFeatures: number;
  activation: FloatActivation;
  negativeSlope: number;
  /** The node of the product (Gemm or MatMul). */
  node: string;
  /** The node of the activation, if there is one. */
  activationNode?: string;
}

function structure(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, site);
}

/** A dense expression as a step with the given activation. */
function stepOf(
  expr: Expr,
  activation: FloatActivation,
  negativeSlope: number,
  graph: string,
): DenseStep {
  if (expr.op !== 'dense') {
    const site = expr.op === 'input' ? { graph } : { graph, node: expr.node, op: expr.opType };
    throw structure('expected a dense layer (Gemm, or MatMul + Add) here', site);
  }
  return {
    weight: expr.weight,
    bias: expr.bias ?? new Float32Array(expr.outFeatures),
    inFeatures: expr.inFeatures,
    outFeatures: expr.outFeatures,
    activation,
    negativeSlope,
    node: expr.node,
  };
}

/** Whether `expr` is a feature map: a convolution's output, its activation or a reshape of it. */
export function isSpatial(expr: Expr): boolean {
  let e = expr;
  while (e.op === 'act' || e.op === 'reshape') e = e.src;
  return e.op === 'conv';
}

/**
 * `expr` without the reshapes of flat values on top (a `Flatten` of the input, a `Reshape`
 * between dense layers): they keep the feature order, so a dense chain sees through them. A
 * reshape of a feature map is kept (its layout differs between PyTorch and latentkit).
 */
export function throughFlatReshapes(expr: Expr): Expr {
  let e = expr;
  while (e.op === 'reshape' && !isSpatial(e.src)) e = e.src;
  return e;
}

/**
 * The dense layers below `expr`, input side first, each a product optionally followed by ReLU,
 * LeakyReLU, Sigmoid or Tanh, and the expression they start from (`base`): the graph input, a
 * `Concat`, a reshaped feature map, an activation of something that is not a dense layer, ….
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for `Exp` inside the network.
 */
export function denseRun(expr: Expr, graph: string): { steps: DenseStep[]; base: Expr } {
  const steps: DenseStep[] = [];
  let e = throughFlatReshapes(expr);
  for (;;) {
    if (e.op === 'act') {
      if (e.activation === 'exp') {
        throw structure('Exp is supported only on the log-variance head of an encoder output', {
          graph,
          node: e.node,
          op: e.opType,
        });
      }
      const src = throughFlatReshapes(e.src);
      if (src.op !== 'dense') break;
      steps.push({
        ...stepOf(src, e.activation, e.negativeSlope, graph),
        activationNode: e.node,
      });
      e = throughFlatReshapes(src.src);
    } else if (e.op === 'dense') {
      steps.push(stepOf(e, 'linear', 0, graph));
      e = throughFlatReshapes(e.src);
    } else {
      break;
    }
  }
  return { steps: steps.reverse(), base: e };
}

/**
 * The dense layers from the graph input to `expr`, input side first: each a product, optionally
 * followed by one of ReLU, LeakyReLU, Sigmoid or Tanh.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for anything else on the path (two
 *   activations in a row, an activation on the input, a slice inside the network, `Exp` inside).
 */
export function denseChain(expr: Expr, graph: string): DenseStep[] {
  const { steps, base } = denseRun(expr, graph);
  requireInputBase(base, graph);
  return steps;
}

/**
 * Checks that a dense chain starts at a graph input.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` naming what it starts at instead.
 */
export function requireInputBase(base: Expr, graph: string): void {
  if (base.op === 'input') return;
  // An activation on something other than a dense layer: stepOf names that node.
  if (base.op === 'act') stepOf(throughFlatReshapes(base.src), 'linear', 0, graph);
  if (base.op === 'slice') {
    throw structure(
      'a Slice or Split is supported only to cut an encoder output into μ and log σ²',
      { graph, node: base.node, op: base.opType },
    );
  }
  const site = base.op === 'act' ? { graph } : { graph, node: base.node, op: base.opType };
  throw structure('expected a dense layer (Gemm, or MatMul + Add) here', site);
}

/**
 * A dense step with its input rows reordered: row `i` of the result is row `order[i]` of `step`
 * (the same function of inputs given in another order).
 */
export function permuteRows(step: DenseStep, order: readonly number[]): DenseStep {
  const out = step.outFeatures;
  const weight = new Float32Array(step.weight.length);
  order.forEach((from, to) => {
    weight.set(step.weight.subarray(from * out, (from + 1) * out), to * out);
  });
  return { ...step, weight };
}

/** Columns [start, end) of a dense step (a head cut out of a joint layer). */
export function sliceStep(step: DenseStep, start: number, end: number): DenseStep {
  const out = end - start;
  const weight = new Float32Array(step.inFeatures * out);
  for (let i = 0; i < step.inFeatures; i++) {
    weight.set(
      step.weight.subarray(i * step.outFeatures + start, i * step.outFeatures + end),
      i * out,
    );
  }
  return { ...step, weight, bias: step.bias.slice(start, end), outFeatures: out };
}
