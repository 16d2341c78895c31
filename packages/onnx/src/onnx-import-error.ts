import { LatentkitError } from '@latentkit/core';

/**
 * What is wrong with an ONNX file, as a stable code:
 * - `'too-large'`: the file is larger than the `maxBytes` option;
 * - `'malformed-protobuf'`: the bytes are not an ONNX `ModelProto` (truncated, wrong wire types);
 * - `'bad-tensor'`: a tensor's declared dims disagree with its data, or a dim is negative or huge;
 * - `'external-data'`: a tensor keeps its values in another file (refused: only self-contained
 *   files are read);
 * - `'unsupported-dtype'`: a tensor or graph input is not float32 (int64 only for shape constants);
 * - `'unsupported-op'`: a node's operator (or its domain) is not one the importer maps;
 * - `'unsupported-attribute'`: a supported operator with an attribute value it cannot map
 *   (e.g. `Gemm` with `transA = 1`, a `Conv` with `group` ≠ 1 or pads other than the `'same'`
 *   padding of latentkit's conv layers);
 * - `'dynamic-shape'`: a dimension other than the batch is symbolic, or the batch size reaches
 *   the weights or the feature layout;
 * - `'bad-graph'`: a node reads a value nothing produces, a value is produced twice, or the nodes
 *   form a cycle;
 * - `'unsupported-structure'`: the graph is valid ONNX but not an encoder or decoder that a
 *   latentkit model can hold (e.g. different hidden activations, an output that is not a dense
 *   layer).
 */
export type OnnxProblem =
  | 'too-large'
  | 'malformed-protobuf'
  | 'bad-tensor'
  | 'external-data'
  | 'unsupported-dtype'
  | 'unsupported-op'
  | 'unsupported-attribute'
  | 'dynamic-shape'
  | 'bad-graph'
  | 'unsupported-structure';

/** Where in a graph an {@link OnnxImportError} was found. */
export interface OnnxErrorSite {
  /** Which graph: `'encoder'` or `'decoder'`. */
  graph?: string;
  /** The node's name (or its first output's name when the node has none). */
  node?: string;
  /** The node's operator, e.g. `'Conv'`. */
  op?: string;
}

/**
 * Thrown when an ONNX file cannot be imported: malformed, unsafe to read, or outside what the
 * importer supports. `problem` says which (see {@link OnnxProblem}); `node` and `op` name the
 * node where there is one, and the message says what is supported instead.
 *
 * `code` is `'ONNX_IMPORT'`.
 */
export class OnnxImportError extends LatentkitError {
  /** See {@link OnnxProblem}. */
  readonly problem: OnnxProblem;
  /** The graph (`'encoder'` / `'decoder'`) the problem is in, if known. */
  readonly graph: string | undefined;
  /** The node the problem is in, if it concerns one. */
  readonly node: string | undefined;
  /** The operator of that node, if it concerns one. */
  readonly op: string | undefined;

  /**
   * @param problem - See {@link OnnxProblem}.
   * @param message - What is wrong and what is supported.
   * @param site - Where: graph, node and operator.
   */
  constructor(problem: OnnxProblem, message: string, site: OnnxErrorSite = {}) {
    const where = [
      site.graph,
      site.node === undefined ? undefined : `node '${site.node}'`,
      site.op === undefined ? undefined : `(${site.op})`,
    ]
      .filter((part) => part !== undefined)
      .join(' ');
    super('ONNX_IMPORT', `onnx: ${where === '' ? '' : `${where}: `}${message} [${problem}]`);
    this.problem = problem;
    this.graph = site.graph;
    this.node = site.node;
    this.op = site.op;
  }
}
