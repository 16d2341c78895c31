import { requireInputBase, throughFlatReshapes } from './dense-chain.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { Expr } from './onnx-values.js';
import type { TracedGraph } from './trace-onnx-graph.js';

/** What the first dense layer of a network reads: the data alone, or data and a one-hot label. */
export interface NetworkInput {
  /** Features of the data (or latent code) per example. */
  dataWidth: number;
  /** Width of the one-hot label (0 for an unconditional network). */
  numClasses: number;
  /**
   * For a conditional network, the first dense layer's rows in latentkit's order `[data, label]`:
   * row `i` is the graph's row `rows[i]` (the graph may concatenate the label first).
   */
  rows: number[] | undefined;
}

function structure(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, site);
}

/**
 * What a network's dense chain starts from: the graph's one input, or — for a CVAE, whose graphs
 * have two inputs (data or latent code first, then the one-hot label) — a `Concat` of both along
 * the features, in either order.
 *
 * @param base - Where the first dense layer's input comes from (`denseRun`'s `base`).
 * @param traced - The graph, for its inputs.
 * @param graph - `'encoder'` or `'decoder'`.
 * @throws {@link OnnxImportError} `'unsupported-structure'` for anything else.
 */
export function readNetworkInput(base: Expr, traced: TracedGraph, graph: string): NetworkInput {
  const [data, label] = traced.inputs;
  const width = (shape: number[]) => shape.reduce((p, d) => p * d, 1);
  if (label === undefined) {
    requireInputBase(base, graph);
    return { dataWidth: width(data!.shape), numClasses: 0, rows: undefined };
  }
  if (base.op !== 'concat') {
    throw structure(
      `a graph with two inputs ('${data!.name}', '${label.name}') must concatenate them (Concat on axis 1) before its first dense layer; latentkit's CVAE joins the data and the one-hot label there`,
      base.op === 'input' ? { graph } : { graph, node: base.node, op: base.opType },
    );
  }
  const site = { graph, node: base.node, op: base.opType };
  const names = base.parts.map((p) => {
    const e = throughFlatReshapes(p.expr);
    return e.op === 'input' ? e.name : undefined;
  });
  const dataAt = names.indexOf(data!.name);
  const labelAt = names.indexOf(label.name);
  if (base.parts.length !== 2 || dataAt < 0 || labelAt < 0) {
    throw structure(
      `a CVAE's Concat joins the two graph inputs ('${data!.name}', '${label.name}') themselves, nothing else`,
      site,
    );
  }
  if (label.shape.length !== 1 || label.shape[0]! < 2) {
    throw structure(
      `the label input '${label.name}' must be a one-hot [batch, classes] with at least 2 classes, got [batch, ${label.shape.join(', ')}]`,
      { graph },
    );
  }
  const dataWidth = base.parts[dataAt]!.width;
  const numClasses = base.parts[labelAt]!.width;
  const offset = (at: number) => (at === 0 ? 0 : base.parts[0]!.width);
  const rows = [
    ...Array.from({ length: dataWidth }, (_, i) => offset(dataAt) + i),
    ...Array.from({ length: numClasses }, (_, i) => offset(labelAt) + i),
  ];
  return { dataWidth, numClasses, rows };
}
