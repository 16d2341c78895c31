import { type DenseStep, denseRun, sliceStep } from './dense-chain.js';
import { OnnxImportError } from './onnx-import-error.js';
import type { Expr } from './onnx-values.js';
import type { TracedGraph } from './trace-onnx-graph.js';

/** An encoder's dense layers: the hidden ones, the heads, and what the first one reads. */
export interface EncoderParts {
  /** Hidden dense layers, input side first. */
  trunk: DenseStep[];
  /** `[μ, log σ²]` of a VAE, `[z]` of an autoencoder. */
  heads: DenseStep[];
  /**
   * What the first dense layer (the first hidden one, or the heads) reads: the graph input, a
   * `Concat` of data and label (CVAE) or a flattened feature map (conv).
   */
  base: Expr;
}

/**
 * The last step of a chain, which must be a dense layer without activation.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` otherwise.
 */
export function linearHead(steps: DenseStep[], graph: string, what: string): DenseStep {
  const head = steps.at(-1);
  if (head === undefined || head.activation !== 'linear') {
    throw new OnnxImportError(
      'unsupported-structure',
      `${what} must be the output of a dense layer without activation`,
      head === undefined ? { graph } : { graph, node: head.node },
    );
  }
  return head;
}

/**
 * Reads an encoder's outputs: one (an autoencoder's z) or two (μ and log σ², as two dense heads
 * on the same features or two slices of one; log σ² may be wrapped in `Exp`), and the dense
 * layers below them.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for other outputs.
 */
export function encoderParts(traced: TracedGraph): EncoderParts {
  const graph = 'encoder';
  const outs = traced.outputs.map((o) => o.expr);
  if (outs.length === 1) {
    const { steps, base } = denseRun(outs[0]!, graph);
    const head = linearHead(steps, graph, 'the latent code');
    return { trunk: steps.slice(0, -1), heads: [head], base };
  }
  if (outs.length !== 2) {
    throw new OnnxImportError(
      'unsupported-structure',
      `an encoder has one output (autoencoder) or two (μ, log σ²), found ${outs.length}`,
      { graph },
    );
  }
  const mu = outs[0]!;
  let logVar = outs[1]!;
  if (logVar.op === 'act' && logVar.activation === 'exp') logVar = logVar.src;
  if (mu.op === 'slice' && logVar.op === 'slice' && mu.src === logVar.src) {
    const { steps, base } = denseRun(mu.src, graph);
    const joint = linearHead(steps, graph, 'the joint μ / log σ² layer');
    return {
      trunk: steps.slice(0, -1),
      heads: [sliceStep(joint, mu.start, mu.end), sliceStep(joint, logVar.start, logVar.end)],
      base,
    };
  }
  const src = (e: Expr) => (e.op === 'dense' ? e.src : undefined);
  if (mu.op !== 'dense' || logVar.op !== 'dense' || src(mu) !== src(logVar)) {
    throw new OnnxImportError(
      'unsupported-structure',
      'μ and log σ² must be two dense layers on the same hidden features, or two slices of one',
      { graph },
    );
  }
  const { steps, base } = denseRun(mu, graph);
  return {
    trunk: steps.slice(0, -1),
    heads: [
      linearHead(steps, graph, 'μ'),
      linearHead(denseRun(logVar, graph).steps, graph, 'log σ²'),
    ],
    base,
  };
}
