import { describe, expect, it } from 'vitest';
import { importOnnxModel } from './import-onnx-model.js';
import { fixtureBytes } from './testing/fixtures.js';
import { mutateOnnx } from './testing/mutate-onnx.js';

// Forms the PyTorch fixtures do not contain, made by editing a fixture's graph: each must import
// to exactly the parameters of the original.

const DECODER = fixtureBytes('mnist-vae-decoder.onnx');
const original = importOnnxModel({
  encoder: fixtureBytes('mnist-vae-encoder.onnx'),
  decoder: DECODER,
});

function int64(values: number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values.map((v) => BigInt(v))).buffer);
}

describe('other forms of the same MLP', () => {
  it('σ² = Exp(log σ²) as the second output reads as the log σ² head', () => {
    const encoder = mutateOnnx('mnist-vae-encoder.onnx', (m) => {
      const gemm = m.graph.node!.find((n) => n.name === '/logvar/Gemm')!;
      gemm.output = ['logvar_pre'];
      m.graph.node!.push({
        name: '/Exp',
        opType: 'Exp',
        input: ['logvar_pre'],
        output: ['logvar'],
      });
    });
    const imported = importOnnxModel({ encoder, decoder: DECODER });
    expect(imported.config).toEqual(original.config);
    expect(imported.record).toEqual(original.record);
  });

  it('Reshape to [-1, 784] (x.view(-1, 784)) and to [batch from Shape, -1] instead of Flatten', () => {
    for (const [name, target] of [
      ['view(-1, 784)', [-1, 784]],
      ['view(0, -1)', [0, -1]],
    ] as const) {
      const encoder = mutateOnnx('mnist-vae-encoder.onnx', (m) => {
        const flatten = m.graph.node!.find((n) => n.opType === 'Flatten')!;
        flatten.opType = 'Reshape';
        flatten.attribute = [];
        flatten.input = ['x', 'target_shape'];
        m.graph.initializer!.push({
          name: 'target_shape',
          dims: [2],
          dataType: 7,
          rawData: int64([...target]),
        });
      });
      const imported = importOnnxModel({ encoder, decoder: DECODER });
      expect(imported.record, name).toEqual(original.record);
    }
  });

  it('Gemm without transB, with alpha and beta: weights scaled as ONNX defines', () => {
    const decoder = mutateOnnx('mnist-vae-decoder.onnx', (m) => {
      const gemm = m.graph.node!.find((n) => n.name === '/net/net.0/Gemm')!;
      gemm.attribute = [
        { name: 'alpha', type: 1, f: 2 },
        { name: 'beta', type: 1, f: 0.5 },
      ];
      // [32, 8] stored as torch's [out, in]; written transposed to [8, 32] for transB = 0.
      const w = m.graph.initializer!.find((t) => t.name === 'net.0.weight')!;
      const values = new Float32Array(w.rawData!.slice().buffer);
      const t = new Float32Array(256);
      for (let o = 0; o < 32; o++) for (let i = 0; i < 8; i++) t[i * 32 + o] = values[o * 8 + i]!;
      w.dims = [8, 32];
      w.rawData = new Uint8Array(t.buffer);
    });
    const imported = importOnnxModel({ encoder: fixtureBytes('mnist-vae-encoder.onnx'), decoder });
    const before = original.record['decoder.fc1.weight']!.data;
    const after = imported.record['decoder.fc1.weight']!.data;
    for (let k = 0; k < before.length; k++) expect(after[k]).toBe(2 * before[k]!);
    const bias = original.record['decoder.fc1.bias']!.data;
    imported.record['decoder.fc1.bias']!.data.forEach((b, j) => {
      expect(b).toBe(0.5 * bias[j]!);
    });
  });
});
