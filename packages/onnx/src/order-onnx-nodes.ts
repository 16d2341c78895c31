import type { RawNode } from './decode-onnx-model.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';

/** The display name of a node: its name, else its first output, else its index. */
export function nodeLabel(node: RawNode, index: number): string {
  if (node.name) return node.name;
  const first = node.output?.[0];
  return first ? `(output ${first})` : `#${index}`;
}

/**
 * Orders the nodes so that each runs after the nodes producing its inputs (Kahn's algorithm,
 * linear in the number of edges), checking the graph on the way.
 *
 * @param available - Names that exist before any node runs (graph inputs, initializers).
 * @throws {@link OnnxImportError} `'bad-graph'` when a value is produced twice, a node reads a
 *   value nothing produces, or the nodes form a cycle (naming a node on it).
 */
export function orderOnnxNodes(nodes: RawNode[], available: Set<string>, graph: string): RawNode[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const out of node.output ?? []) {
      if (out === '') continue;
      if (producer.has(out) || available.has(out)) {
        throw new OnnxImportError('bad-graph', `value '${out}' is produced twice`, {
          graph,
          node: nodeLabel(node, i),
          op: node.opType,
        });
      }
      producer.set(out, i);
    }
  });
  const waiting = new Array<number>(nodes.length).fill(0);
  const readers = new Map<number, number[]>();
  nodes.forEach((node, i) => {
    for (const input of node.input ?? []) {
      if (input === '' || available.has(input)) continue;
      const from = producer.get(input);
      const site: OnnxErrorSite = { graph, node: nodeLabel(node, i), op: node.opType };
      if (from === undefined) {
        throw new OnnxImportError(
          'bad-graph',
          `input '${input}' is neither a graph input, an initializer nor a node output`,
          site,
        );
      }
      waiting[i]! += 1;
      const list = readers.get(from) ?? [];
      list.push(i);
      readers.set(from, list);
    }
  });
  const ready = nodes.flatMap((_, i) => (waiting[i] === 0 ? [i] : []));
  const order: RawNode[] = [];
  for (let head = 0; head < ready.length; head++) {
    const i = ready[head]!;
    order.push(nodes[i]!);
    for (const reader of readers.get(i) ?? []) {
      waiting[reader]! -= 1;
      if (waiting[reader] === 0) ready.push(reader);
    }
  }
  if (order.length < nodes.length) {
    const stuck = waiting.findIndex((w) => w > 0);
    const node = nodes[stuck]!;
    throw new OnnxImportError('bad-graph', 'the nodes form a cycle', {
      graph,
      node: nodeLabel(node, stuck),
      op: node.opType,
    });
  }
  return order;
}
