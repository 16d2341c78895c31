import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel } from './decode-onnx-model.js';
import { OnnxGraphWriter } from './onnx-graph-writer.js';

function sample(): Uint8Array {
  const w = new OnnxGraphWriter();
  const weight = w.float('fc.weight', [2, 3], [1.5, -2, 0.1, 3e-8, -0, 65504]);
  const shape = w.int64('shape', [-1, 3, 2 ** 40]);
  const h = w.node('Gemm', 'fc', ['x', weight], { transB: { int: 0 }, alpha: { float: 0.5 } });
  w.node(
    'DepthToSpace',
    'd2s',
    [h, shape],
    { mode: { string: 'DCR' }, pads: { ints: [0, 1] } },
    'y',
  );
  return w.encode({
    graphName: 'g',
    inputs: [{ name: 'x', shape: ['N', 2] }],
    outputs: [{ name: 'y', shape: ['N', 3] }],
    opset: 17,
    irVersion: 8,
    producerVersion: '9.9.9',
    docString: 'test',
  });
}

describe('OnnxGraphWriter', () => {
  it('encodes a ModelProto that protobufjs decodes back field by field', () => {
    const m = decodeOnnxModel(sample(), 1e6, {});
    const g = m.graph!;
    expect(g.node!.map((n) => [n.opType, n.name, n.input, n.output])).toEqual([
      ['Gemm', 'fc', ['x', 'fc.weight'], ['fc']],
      ['DepthToSpace', 'd2s', ['fc', 'shape'], ['y']],
    ]);
    const attrs = g.node!.flatMap((n) => n.attribute ?? []);
    // AttributeProto types: FLOAT 1, INT 2, STRING 3, INTS 7.
    expect(attrs.map((a) => [a.name, a.type])).toEqual([
      ['transB', 2],
      ['alpha', 1],
      ['mode', 3],
      ['pads', 7],
    ]);
    expect(attrs[1]!.f).toBe(0.5);
    expect(new TextDecoder().decode(attrs[2]!.s)).toBe('DCR');
    expect(attrs[3]!.ints!.map(Number)).toEqual([0, 1]);
    const [weight, shape] = g.initializer!;
    expect(weight!.dataType).toBe(1);
    const f = weight!.rawData!;
    const fv = new DataView(f.buffer, f.byteOffset, f.byteLength);
    expect(Array.from({ length: 6 }, (_, i) => fv.getFloat32(i * 4, true))).toEqual([
      1.5,
      -2,
      Math.fround(0.1),
      Math.fround(3e-8),
      -0,
      65504,
    ]);
    expect(shape!.dataType).toBe(7);
    const s = shape!.rawData!;
    const sv = new DataView(s.buffer, s.byteOffset, s.byteLength);
    expect([0, 1, 2].map((i) => sv.getBigInt64(i * 8, true))).toEqual([-1n, 3n, 2n ** 40n]);
    const dims = g.input![0]!.type!.tensorType!.shape!.dim!;
    expect([dims[0]!.dimParam, Number(dims[1]!.dimValue)]).toEqual(['N', 2]);
  });

  it('refuses two nodes or initializers with one name', () => {
    const w = new OnnxGraphWriter();
    w.float('a', [1], [0]);
    expect(() => w.node('Relu', 'a', ['x'])).toThrow(InvalidArgumentError);
    expect(() => w.int64('a', [1])).toThrow(/duplicate initializer name 'a'/);
  });
});
