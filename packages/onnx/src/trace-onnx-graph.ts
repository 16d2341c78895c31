import type { RawGraph, RawModel, RawValueInfo } from './decode-onnx-model.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import { int64ToNumber } from './onnx-long.js';
import { NODE_OPS, SUPPORTED_OPS } from './onnx-node-ops.js';
import type { Expr, TracedValue } from './onnx-values.js';
import { nodeLabel, orderOnnxNodes } from './order-onnx-nodes.js';
import { dtypeName, ONNX_FLOAT, readOnnxTensor } from './read-onnx-tensor.js';

/** A traced graph: its runtime inputs and what each output computes from them. */
export interface TracedGraph {
  /** Name of the (first) graph input. */
  inputName: string;
  /** Shape of one example of the first input (its dims after the batch). */
  inputShape: number[];
  /**
   * Every runtime input in order, with its per-example shape: one, or two for a conditional
   * model (data or latent code first, then the one-hot label).
   */
  inputs: { name: string; shape: number[] }[];
  /** The graph outputs in order, with the expression each computes. */
  outputs: { name: string; shape: number[]; expr: Expr }[];
}

/** Largest per-example input size accepted: 2²⁴ features. */
const MAX_FEATURES = 2 ** 24;

function inputShapeOf(info: RawValueInfo, graph: string): number[] {
  const site: OnnxErrorSite = { graph };
  const tensorType = info.type?.tensorType;
  if (tensorType?.elemType !== ONNX_FLOAT) {
    throw new OnnxImportError(
      'unsupported-dtype',
      `graph input '${info.name}' is ${dtypeName(tensorType?.elemType)}; only FLOAT (float32) inputs are supported`,
      site,
    );
  }
  const dims = tensorType.shape?.dim ?? [];
  if (dims.length < 2) {
    throw new OnnxImportError(
      'dynamic-shape',
      `graph input '${info.name}' needs a static shape [batch, features…]`,
      site,
    );
  }
  const shape = dims.slice(1).map((d, i) => {
    const value = d.dimParam ? Number.NaN : int64ToNumber(d.dimValue);
    if (!Number.isInteger(value) || value < 1 || value > MAX_FEATURES) {
      throw new OnnxImportError(
        'dynamic-shape',
        `graph input '${info.name}': dimension ${i + 1} is ${d.dimParam ? `symbolic ('${d.dimParam}')` : value}; only the batch (dimension 0) may be dynamic, the others must be fixed positive sizes`,
        site,
      );
    }
    return value;
  });
  if (shape.reduce((p, d) => p * d, 1) > MAX_FEATURES) {
    throw new OnnxImportError(
      'dynamic-shape',
      `graph input '${info.name}' has too many features per example`,
      site,
    );
  }
  return shape;
}

function runtimeInputs(g: RawGraph, graph: string): RawValueInfo[] {
  const initializers = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (g.input ?? []).filter((i) => !initializers.has(i.name ?? ''));
  const names = new Set(inputs.map((i) => i.name));
  if (
    inputs.length < 1 ||
    inputs.length > 2 ||
    inputs.some((i) => !i.name) ||
    names.size !== inputs.length
  ) {
    throw new OnnxImportError(
      'unsupported-structure',
      `an encoder or decoder graph needs one named input (or two for a CVAE: data, one-hot label), found ${inputs.length}`,
      { graph },
    );
  }
  return inputs;
}

/**
 * Evaluates an encoder or decoder graph symbolically: constants are folded (initializers, `Constant`, shape
 * arithmetic), and every value computed from the input becomes an {@link Expr}.
 *
 * @throws {@link OnnxImportError} for every problem it finds, naming the node and operator.
 */
export function traceOnnxGraph(model: RawModel, graph: string): TracedGraph {
  const g = model.graph!;
  if ((g.sparseInitializer?.length ?? 0) > 0) {
    throw new OnnxImportError('unsupported-dtype', 'sparse initializers are not supported', {
      graph,
    });
  }
  const inputs = runtimeInputs(g, graph).map((info) => ({
    name: info.name!,
    shape: inputShapeOf(info, graph),
  }));
  const values = new Map<string, TracedValue>();
  for (const { name, shape } of inputs) {
    values.set(name, { kind: 'act', shape, expr: { op: 'input', name } });
  }
  for (const t of g.initializer ?? []) {
    const name = t.name ?? '';
    if (values.has(name)) {
      throw new OnnxImportError('bad-graph', `initializer '${name}' is defined twice`, { graph });
    }
    values.set(name, {
      kind: 'const',
      tensor: readOnnxTensor(t, `initializer '${name}'`, { graph }),
    });
  }
  const nodes = g.node ?? [];
  const order = orderOnnxNodes(nodes, new Set(values.keys()), graph);
  const indexOf = new Map(nodes.map((node, i) => [node, i]));
  for (const node of order) {
    const op = node.opType ?? '';
    const site: OnnxErrorSite = { graph, node: nodeLabel(node, indexOf.get(node) ?? 0), op };
    const handler = Object.hasOwn(NODE_OPS, op) ? NODE_OPS[op] : undefined;
    if ((node.domain ?? '') !== '' && node.domain !== 'ai.onnx') {
      throw new OnnxImportError(
        'unsupported-op',
        `operator domain '${node.domain}' is not supported (only the default ONNX domain)`,
        site,
      );
    }
    if (handler === undefined) {
      throw new OnnxImportError(
        'unsupported-op',
        `operator '${op}' is not supported for import; supported: ${SUPPORTED_OPS.join(', ')}`,
        site,
      );
    }
    const inputs = (node.input ?? []).map((name) => (name === '' ? undefined : values.get(name)));
    const outputs = handler(node, inputs, site);
    const names = node.output ?? [];
    if (names.length !== outputs.length) {
      throw new OnnxImportError(
        'unsupported-structure',
        `expected ${outputs.length} output(s), found ${names.length}`,
        site,
      );
    }
    names.forEach((name, k) => {
      if (name !== '') values.set(name, outputs[k]!);
    });
  }
  const outputs = (g.output ?? []).map((info) => {
    const name = info.name ?? '';
    const value = values.get(name);
    if (value === undefined) {
      throw new OnnxImportError('bad-graph', `graph output '${name}' is not computed by any node`, {
        graph,
      });
    }
    if (value.kind !== 'act') {
      throw new OnnxImportError('unsupported-structure', `graph output '${name}' is a constant`, {
        graph,
      });
    }
    return { name, shape: value.shape, expr: value.expr };
  });
  return { inputName: inputs[0]!.name, inputShape: inputs[0]!.shape, inputs, outputs };
}
