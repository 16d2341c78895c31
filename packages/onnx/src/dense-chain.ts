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

/**
 * The dense layers from the graph input to `expr`, input side first: each a product, optionally
 * followed by one of ReLU, LeakyReLU, Sigmoid or Tanh. Returns the input expression reached.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for anything else on the path (two
 *   activations in a row, an activation on the input, a slice inside the network, `Exp` inside).
 */
export function denseChain(expr: Expr, graph: string): DenseStep[] {
  const steps: DenseStep[] = [];
  let e = expr;
  while (e.op !== 'input') {
    if (e.op === 'act') {
      if (e.activation === 'exp') {
        throw structure('Exp is supported only on the log-variance head of an encoder output', {
          graph,
          node: e.node,
          op: e.opType,
        });
      }
      steps.push({
        ...stepOf(e.src, e.activation, e.negativeSlope, graph),
        activationNode: e.node,
      });
      e = (e.src as Extract<Expr, { op: 'dense' }>).src;
    } else if (e.op === 'dense') {
      steps.push(stepOf(e, 'linear', 0, graph));
      e = e.src;
    } else {
      throw structure(
        'a Slice or Split is supported only to cut an encoder output into μ and log σ²',
        {
          graph,
          node: e.node,
          op: e.opType,
        },
      );
    }
  }
  return steps.reverse();
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
