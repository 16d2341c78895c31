import { describe, expect, it } from 'vitest';
import type { RawNode } from './decode-onnx-model.js';
import { OnnxImportError } from './onnx-import-error.js';
import { orderOnnxNodes } from './order-onnx-nodes.js';

const n = (name: string, input: string[], output: string[]): RawNode => ({
  name,
  opType: 'Relu',
  input,
  output,
});

describe('orderOnnxNodes', () => {
  it('orders nodes after their producers, whatever order the file lists them in', () => {
    const nodes = [
      n('c', ['b'], ['c_out']),
      n('a', ['x'], ['a_out']),
      n('b', ['a_out', 'w', ''], ['b']),
    ];
    expect(orderOnnxNodes(nodes, new Set(['x', 'w']), 'g').map((node) => node.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('names the node of a cycle, of a missing input and of a value produced twice', () => {
    const problem = (nodes: RawNode[]) => {
      try {
        orderOnnxNodes(nodes, new Set(['x']), 'g');
      } catch (e) {
        expect(e).toBeInstanceOf(OnnxImportError);
        return `${(e as OnnxImportError).problem} ${(e as OnnxImportError).node}`;
      }
      return 'none';
    };
    expect(problem([n('a', ['x', 'b_out'], ['a_out']), n('b', ['a_out'], ['b_out'])])).toBe(
      'bad-graph a',
    );
    expect(problem([n('a', ['x', 'ghost'], ['a_out'])])).toBe('bad-graph a');
    expect(problem([n('a', ['x'], ['v']), n('b', ['x'], ['v'])])).toBe('bad-graph b');
    expect(problem([n('a', ['x'], ['x'])])).toBe('bad-graph a');
  });

  it('orders a 20 000-node chain listed backwards', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) =>
      n(`n${i}`, [i === 0 ? 'x' : `v${i - 1}`], [`v${i}`]),
    ).reverse();
    const order = orderOnnxNodes(nodes, new Set(['x']), 'g');
    expect(order[0]!.name).toBe('n0');
    expect(order.at(-1)!.name).toBe('n19999');
  });
});
