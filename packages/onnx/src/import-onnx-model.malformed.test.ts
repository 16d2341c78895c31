import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import type { RawGraph } from './decode-onnx-model.js';
import { importOnnxModel } from './import-onnx-model.js';
import { expectOnnxError, node } from './testing/expect-onnx-error.js';
import { fixtureBytes } from './testing/fixtures.js';
import { mutateOnnx } from './testing/mutate-onnx.js';

const MNIST_DEC = fixtureBytes('mnist-vae-decoder.onnx');
const MNIST_ENC = fixtureBytes('mnist-vae-encoder.onnx');
const IRIS_DEC = fixtureBytes('iris-vae-decoder.onnx');

const decoder = (edit: (g: RawGraph) => void) =>
  importOnnxModel({
    encoder: MNIST_ENC,
    decoder: mutateOnnx('mnist-vae-decoder.onnx', (m) => edit(m.graph)),
  });
const irisEncoder = (edit: (g: RawGraph) => void) =>
  importOnnxModel({
    encoder: mutateOnnx('iris-vae-encoder.onnx', (m) => edit(m.graph)),
    decoder: IRIS_DEC,
  });

describe('malformed and unsupported ONNX files', () => {
  it('a truncated file', () => {
    expectOnnxError(
      () => importOnnxModel({ encoder: MNIST_ENC, decoder: MNIST_DEC.subarray(0, 5000) }),
      {
        problem: 'malformed-protobuf',
        graph: 'decoder',
      },
    );
  });

  it('wrong wire types: a length-delimited graph field holding more bytes than the file', () => {
    expectOnnxError(
      () => importOnnxModel({ encoder: Uint8Array.of(0x3a, 0xff, 0xff, 0x03), decoder: MNIST_DEC }),
      {
        problem: 'malformed-protobuf',
        graph: 'encoder',
      },
    );
    // Field 7 (graph) sent as a varint: protobufjs reads a length of 5 with nothing behind it.
    expectOnnxError(
      () => importOnnxModel({ encoder: Uint8Array.of(0x38, 0x05), decoder: MNIST_DEC }),
      {
        problem: 'malformed-protobuf',
      },
    );
  });

  it('a file larger than maxBytes is refused before decoding', () => {
    expectOnnxError(
      () => importOnnxModel({ encoder: MNIST_ENC, decoder: MNIST_DEC }, { maxBytes: 50_000 }),
      {
        problem: 'too-large',
        graph: 'encoder',
        message: /103\d{3} bytes, more than maxBytes = 50000/,
      },
    );
  });

  it('raw_data shorter than the dims say', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          const w = g.initializer!.find((t) => t.name === 'net.2.weight')!;
          w.rawData = w.rawData!.subarray(0, w.rawData!.length - 4);
        }),
      {
        problem: 'bad-tensor',
        message:
          /initializer 'net\.2\.weight' \(raw bytes\): dims \[784, 32\] need 100352 values but the data holds 100348/,
      },
    );
  });

  it('negative and huge dims', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![0]!.dims = [-32, 8];
        }),
      {
        problem: 'bad-tensor',
        message: /dimension -32/,
      },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![0]!.dims = [2 ** 40, 8];
        }),
      {
        problem: 'bad-tensor',
        message: /dimension 1099511627776/,
      },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![0]!.dims = [65536, 65536];
        }),
      {
        problem: 'bad-tensor',
        message: /too large/,
      },
    );
  });

  it('tensors in an external file', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          const w = g.initializer![0]!;
          w.rawData = new Uint8Array(0);
          w.dataLocation = 1;
          w.externalData = [{ key: 'location', value: 'weights.bin' }];
        }),
      { problem: 'external-data', message: /external file/ },
    );
  });

  it('unsupported operators (MaxPool, LSTM) name the node and the supported list', () => {
    const error = expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.1/Relu').opType = 'MaxPool';
        }),
      {
        problem: 'unsupported-op',
        graph: 'decoder',
        node: '/net/net.1/Relu',
        op: 'MaxPool',
      },
    );
    expect(error.message).toMatch(/supported: Gemm, MatMul, Add, Relu.*Conv, ConvTranspose/);
    // A Conv where the decoder has a flat [batch, 32] value: a typed error, not a crash.
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.1/Relu').opType = 'Conv';
        }),
      { problem: 'unsupported-structure', node: '/net/net.1/Relu', op: 'Conv' },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.1/Relu').opType = 'LSTM';
        }),
      {
        problem: 'unsupported-op',
        node: '/net/net.1/Relu',
        op: 'LSTM',
      },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.1/Relu').domain = 'com.microsoft';
        }),
      {
        problem: 'unsupported-op',
        node: '/net/net.1/Relu',
        op: 'Relu',
      },
    );
  });

  it('dynamic shapes: a symbolic feature dimension, and slice bounds taken from the batch size', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          g.input![0]!.type!.tensorType!.shape!.dim![1] = { dimParam: 'features' };
        }),
      { problem: 'dynamic-shape', message: /dimension 1 is symbolic \('features'\)/ },
    );
    // The chunk's Gather reads Shape()[1]; pointing it at [0] (the batch) makes the bounds dynamic.
    expectOnnxError(
      () =>
        irisEncoder((g) => {
          node(g, '/Constant').attribute![0]!.t!.rawData = new Uint8Array(8);
        }),
      { problem: 'dynamic-shape', graph: 'encoder', node: '/Slice', op: 'Slice' },
    );
  });

  it('NaN weights, and an infinite Gemm alpha', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![1]!.rawData = new Uint8Array(new Float32Array(32).fill(Number.NaN).buffer);
        }),
      { problem: 'bad-tensor', message: /initializer 'net\.0\.bias': value 0 is NaN/ },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.0/Gemm').attribute!.find((a) => a.name === 'alpha')!.f =
            Number.POSITIVE_INFINITY;
        }),
      {
        problem: 'unsupported-attribute',
        node: '/net/net.0/Gemm',
        op: 'Gemm',
        message: /alpha Infinity and beta 1 must be finite/,
      },
    );
  });

  it('float64 and string initializers', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![1]!.dataType = 11;
        }),
      {
        problem: 'unsupported-dtype',
        message: /DOUBLE tensors are not supported/,
      },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          g.initializer![1]!.dataType = 8;
        }),
      {
        problem: 'unsupported-dtype',
        message: /STRING tensors/,
      },
    );
  });

  it('a graph with a cycle, and a node reading a value nothing produces', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.0/Gemm').input![0] = '/net/net.1/Relu_output_0';
        }),
      {
        problem: 'bad-graph',
        node: '/net/net.0/Gemm',
        op: 'Gemm',
        message: /cycle/,
      },
    );
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.2/Gemm').input![0] = 'nowhere';
        }),
      {
        problem: 'bad-graph',
        node: '/net/net.2/Gemm',
        op: 'Gemm',
        message: /'nowhere'/,
      },
    );
  });

  it('unsupported attributes: Gemm transA, a LeakyRelu slope latentkit does not use', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.0/Gemm').attribute!.push({ name: 'transA', type: 2, i: 1 });
        }),
      { problem: 'unsupported-attribute', node: '/net/net.0/Gemm', op: 'Gemm' },
    );
    expectOnnxError(
      () =>
        irisEncoder((g) => {
          node(g, '/LeakyRelu').attribute![0]!.f = 0.2;
        }),
      { problem: 'unsupported-attribute', op: 'LeakyRelu', node: '/LeakyRelu' },
    );
  });

  it('graphs that are not an MLP latentkit can hold', () => {
    expectOnnxError(
      () =>
        decoder((g) => {
          node(g, '/net/net.3/Sigmoid').opType = 'Tanh';
        }),
      {
        problem: 'unsupported-structure',
        graph: 'decoder',
        node: '/net/net.2/Gemm',
        message: /optionally followed by Sigmoid \(found tanh\)/,
      },
    );
    expectOnnxError(() => importOnnxModel({ encoder: MNIST_ENC, decoder: IRIS_DEC }), {
      problem: 'unsupported-structure',
      graph: 'decoder',
      message: /maps 2 → 4 features; the encoder needs 8 → 784/,
    });
  });

  it('bad arguments are typed errors too', () => {
    expect(() =>
      importOnnxModel({ encoder: MNIST_ENC, decoder: MNIST_DEC }, { maxByte: 1 } as never),
    ).toThrow(UnknownOptionError);
    expect(() => importOnnxModel({ encoder: 'x' as never, decoder: MNIST_DEC })).toThrow(
      /files\.encoder/,
    );
  });
});
