import { createModel } from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import type { RawAttribute, RawGraph } from './decode-onnx-model.js';
import { importOnnxModel } from './import-onnx-model.js';
import { expectOnnxError, node } from './testing/expect-onnx-error.js';
import { fixtureBytes } from './testing/fixtures.js';
import { mutateOnnx } from './testing/mutate-onnx.js';

// Conv and CVAE graphs latentkit cannot hold: typed errors naming the node, the operator and what
// is supported. Each case is a PyTorch fixture with one attribute or connection changed.

const CONV_ENC = fixtureBytes('conv-vae-encoder.onnx');
const CONV_DEC = fixtureBytes('conv-vae-decoder.onnx');
const CVAE_ENC = fixtureBytes('cvae-encoder.onnx');
const CVAE_DEC = fixtureBytes('cvae-decoder.onnx');

const INTS = 7;
const STRING = 3;

function setAttribute(g: RawGraph, name: string, attribute: RawAttribute): void {
  const n = node(g, name);
  n.attribute = [...(n.attribute ?? []).filter((a) => a.name !== attribute.name), attribute];
}

const ints = (name: string, values: number[]): RawAttribute => ({
  name,
  type: INTS,
  ints: values,
});

const convEncoder = (edit: (g: RawGraph) => void) =>
  importOnnxModel({
    encoder: mutateOnnx('conv-vae-encoder.onnx', (m) => edit(m.graph)),
    decoder: CONV_DEC,
  });
const convDecoder = (edit: (g: RawGraph) => void) =>
  importOnnxModel({
    encoder: CONV_ENC,
    decoder: mutateOnnx('conv-vae-decoder.onnx', (m) => edit(m.graph)),
  });

describe('conv graphs latentkit cannot hold', () => {
  it('group ≠ 1, dilation ≠ 1 and auto_pad are refused on Conv and ConvTranspose', () => {
    const conv = { graph: 'encoder', node: '/conv1/Conv', op: 'Conv' };
    expectOnnxError(
      () => convEncoder((g) => setAttribute(g, '/conv1/Conv', { name: 'group', type: 2, i: 2 })),
      {
        problem: 'unsupported-attribute',
        ...conv,
        message: /group 2 is not supported; only group 1/,
      },
    );
    expectOnnxError(
      () => convEncoder((g) => setAttribute(g, '/conv1/Conv', ints('dilations', [2, 2]))),
      {
        problem: 'unsupported-attribute',
        ...conv,
        message: /dilations \[2, 2\] are not supported; only dilation 1/,
      },
    );
    const autoPad: RawAttribute = {
      name: 'auto_pad',
      type: STRING,
      s: new TextEncoder().encode('SAME_UPPER'),
    };
    expectOnnxError(() => convEncoder((g) => setAttribute(g, '/conv1/Conv', autoPad)), {
      problem: 'unsupported-attribute',
      ...conv,
      message: /auto_pad 'SAME_UPPER' is not supported; only explicit pads/,
    });
    expectOnnxError(
      () =>
        convDecoder((g) => setAttribute(g, '/up1/ConvTranspose', { name: 'group', type: 2, i: 4 })),
      {
        problem: 'unsupported-attribute',
        graph: 'decoder',
        node: '/up1/ConvTranspose',
        op: 'ConvTranspose',
        message: /only group 1/,
      },
    );
  });

  it("pads other than TensorFlow's 'same' (which latentkit's conv layers use) name the node", () => {
    // Asymmetric: nothing before, two after — same output size, shifted by one row and column.
    expectOnnxError(
      () => convEncoder((g) => setAttribute(g, '/conv1/Conv', ints('pads', [0, 0, 2, 2]))),
      {
        problem: 'unsupported-attribute',
        graph: 'encoder',
        node: '/conv1/Conv',
        op: 'Conv',
        message:
          /not TensorFlow's 'same' padding.*needs output 14 and 1 row\(s\)\/column\(s\) of padding before \(1 after\), got output 14 and 0 before/,
      },
    );
    // Two on every side: 28 → 15 instead of ⌈28 / 2⌉ = 14.
    expectOnnxError(
      () => convEncoder((g) => setAttribute(g, '/conv1/Conv', ints('pads', [2, 2, 2, 2]))),
      {
        problem: 'unsupported-attribute',
        node: '/conv1/Conv',
        op: 'Conv',
        message: /got output 15/,
      },
    );
    expectOnnxError(
      () => convDecoder((g) => setAttribute(g, '/up1/ConvTranspose', ints('pads', [0, 0, 0, 0]))),
      {
        problem: 'unsupported-attribute',
        graph: 'decoder',
        node: '/up1/ConvTranspose',
        op: 'ConvTranspose',
        message: /map n to n·2 and crop ⌊max\(k − s, 0\) \/ 2⌋ = 1 .* maps 7 to 16 and crops 0/,
      },
    );
    expectOnnxError(
      () =>
        convDecoder((g) => setAttribute(g, '/out/ConvTranspose', ints('output_padding', [1, 1]))),
      {
        problem: 'unsupported-attribute',
        node: '/out/ConvTranspose',
        op: 'ConvTranspose',
        message: /maps 14 to 29/,
      },
    );
    expectOnnxError(
      () =>
        convDecoder((g) => setAttribute(g, '/out/ConvTranspose', ints('output_padding', [2, 0]))),
      {
        problem: 'unsupported-attribute',
        node: '/out/ConvTranspose',
        op: 'ConvTranspose',
        message: /smaller than the strides/,
      },
    );
    expectOnnxError(
      () => convEncoder((g) => setAttribute(g, '/conv1/Conv', ints('kernel_shape', [3, 3]))),
      {
        problem: 'unsupported-attribute',
        node: '/conv1/Conv',
        op: 'Conv',
        message: /kernel_shape \[3, 3\] disagrees with the filter's \[4, 4\]/,
      },
    );
  });

  it('structures outside the conv architecture: an activation on the output, mixed kinds', () => {
    // Relu instead of Sigmoid on the last ConvTranspose: latentkit's last stage is linear.
    expectOnnxError(
      () =>
        convDecoder((g) => {
          node(g, '/Sigmoid').opType = 'Relu';
        }),
      {
        problem: 'unsupported-structure',
        graph: 'decoder',
        node: '/Sigmoid',
        op: 'Relu',
        message: /a ConvTranspose without activation, optionally followed by Sigmoid/,
      },
    );
    expectOnnxError(
      () => importOnnxModel({ encoder: CONV_ENC, decoder: fixtureBytes('mnist-vae-decoder.onnx') }),
      {
        problem: 'unsupported-structure',
        graph: 'decoder',
        message: /a conv encoder with a dense decoder/,
      },
    );
    expectOnnxError(
      () => importOnnxModel({ encoder: fixtureBytes('mnist-vae-encoder.onnx'), decoder: CONV_DEC }),
      { problem: 'unsupported-structure', message: /a dense encoder with a conv decoder/ },
    );
  });

  it("the last conv stage's activation after the Flatten imports as before it", () => {
    const plain = importOnnxModel({ encoder: CONV_ENC, decoder: CONV_DEC });
    const moved = convEncoder((g) => {
      node(g, '/flatten/Flatten').input = ['/conv2/Conv_output_0'];
      node(g, '/Relu_1').input = ['/flatten/Flatten_output_0'];
      node(g, '/mu/Gemm').input![0] = '/Relu_1_output_0';
      node(g, '/logvar/Gemm').input![0] = '/Relu_1_output_0';
    });
    expect(moved.config).toEqual(plain.config);
    expect(moved.record).toEqual(plain.record);
    expect(moved.config.encoder).toEqual({
      type: 'conv',
      channels: [8, 16],
      kernel: 4,
      stride: 2,
      hidden: [],
      activation: 'relu',
    });
    expect(moved.config.decoder).toMatchObject({ channels: [16, 8], upsample: 'transpose' });
    expect(moved.config.inputShape).toEqual([28, 28, 1]);
  });
});

describe('other forms of the flatten', () => {
  const int64 = (values: number[]) => new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);

  it('x.view(-1, 784), and a Reshape to [0, 16, 49] before the Flatten, import as the Flatten', () => {
    const plain = importOnnxModel({ encoder: CONV_ENC, decoder: CONV_DEC });
    const view = convEncoder((g) => {
      const flatten = node(g, '/flatten/Flatten');
      flatten.opType = 'Reshape';
      flatten.attribute = [];
      flatten.input = ['/Relu_1_output_0', 'target'];
      g.initializer!.push({ name: 'target', dims: [2], dataType: 7, rawData: int64([-1, 784]) });
    });
    expect(view.record).toEqual(plain.record);
    const twoSteps = convEncoder((g) => {
      g.node!.push({
        name: '/rows',
        opType: 'Reshape',
        input: ['/Relu_1_output_0', 'rows'],
        output: ['r'],
      });
      node(g, '/flatten/Flatten').input = ['r'];
      g.initializer!.push({ name: 'rows', dims: [3], dataType: 7, rawData: int64([0, 16, 49]) });
    });
    expect(twoSteps.record).toEqual(plain.record);
  });
});

describe('conv autoencoder', () => {
  it('a conv encoder with one output (z) imports as an AE whose record loads into createModel', async () => {
    await initBackend({ backend: 'cpu' });
    const ae = convEncoder((g) => {
      g.output = g.output!.filter((o) => o.name === 'mu');
    });
    expect(ae.config.kind).toBe('ae');
    expect(ae.float).toBeUndefined();
    expect(Object.keys(ae.record).some((k) => k.startsWith('encoder.logVar'))).toBe(false);
    const model = createModel(ae.config);
    model.store.loadRecord(ae.record);
    model.dispose();
  });
});

describe('CVAE graphs', () => {
  it('a label concatenated first ([y, x]) maps to the same latentkit rows as [x, y]', () => {
    const plain = importOnnxModel({ encoder: CVAE_ENC, decoder: CVAE_DEC });
    const swapped = importOnnxModel({
      encoder: mutateOnnx('cvae-encoder.onnx', (m) => {
        node(m.graph, '/Concat').input = ['y', 'x'];
      }),
      decoder: CVAE_DEC,
    });
    expect(swapped.config).toEqual(plain.config);
    expect(plain.config).toMatchObject({ kind: 'cvae', numClasses: 10, inputShape: [784] });
    // The graph's rows 0–9 now meet y, rows 10–793 x: latentkit's [x, y] order takes them so.
    const a = plain.record['encoder.fc1.weight']!.data;
    const b = swapped.record['encoder.fc1.weight']!.data;
    const width = 32;
    expect(b.subarray(0, 784 * width)).toEqual(a.subarray(10 * width, 794 * width));
    expect(b.subarray(784 * width)).toEqual(a.subarray(0, 10 * width));
  });

  it('a CVAE encoder with an unconditional decoder, inputs not joined, Concat on another axis, inputs in the other order', () => {
    expectOnnxError(
      () => importOnnxModel({ encoder: CVAE_ENC, decoder: fixtureBytes('mnist-vae-decoder.onnx') }),
      {
        problem: 'unsupported-structure',
        graph: 'decoder',
        message: /the decoder takes 0 label classes, the encoder 10/,
      },
    );
    expectOnnxError(
      () =>
        importOnnxModel({
          encoder: CVAE_ENC,
          decoder: mutateOnnx('cvae-decoder.onnx', (m) => {
            // Relu(y) instead of y: the label reaches the Concat through another node.
            m.graph.node!.unshift({
              name: '/LabelRelu',
              opType: 'Relu',
              input: ['y'],
              output: ['y+'],
            });
            node(m.graph, '/Concat').input = ['z', 'y+'];
          }),
        }),
      {
        problem: 'unsupported-structure',
        graph: 'decoder',
        node: '/Concat',
        op: 'Concat',
        message: /joins the two graph inputs \('z', 'y'\) themselves/,
      },
    );
    expectOnnxError(
      () =>
        importOnnxModel({
          encoder: mutateOnnx('cvae-encoder.onnx', (m) =>
            setAttribute(m.graph, '/Concat', { name: 'axis', type: 2, i: 0 }),
          ),
          decoder: CVAE_DEC,
        }),
      {
        problem: 'unsupported-structure',
        node: '/Concat',
        op: 'Concat',
        message: /axis 1\) only, not axis 0/,
      },
    );
  });
});
