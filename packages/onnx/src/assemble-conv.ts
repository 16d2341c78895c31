import type { TensorRecord } from '@latentkit/core';
import type { ConvSpec, ModelConfig } from '@latentkit/models';
import { hwcColumns, hwcRows, readConvDecoder, readConvEncoder } from './conv-chain.js';
import { requireInputBase } from './dense-chain.js';
import type { EncoderParts } from './encoder-parts.js';
import type { ImportedOnnxModel } from './import-onnx-model.js';
import { putConv, putDense } from './layer-record.js';
import { OnnxImportError } from './onnx-import-error.js';
import { sharedActivation } from './shared-activation.js';
import type { TracedGraph } from './trace-onnx-graph.js';

const NETWORK = 'a latentkit conv network (convolutions and dense layers)';

function structure(message: string, graph: string): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, { graph });
}

/**
 * The imported model of a conv encoder and a conv decoder (VAE or AE): latentkit's conv
 * architecture on NHWC images, `inputShape` `[H, W, C]` for PyTorch's `[C, H, W]`.
 *
 * Layouts: filters are permuted to tfjs's (`[kh, kw, in, out]`, transposed `[kh, kw, out, in]`);
 * the dense layer after the encoder's flatten gets its rows, and the decoder's projection its
 * columns, reordered from PyTorch's C-major flattening to latentkit's H, W, C one, so that the
 * model computes PyTorch's function on the transposed images.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for graphs latentkit's conv
 *   architecture cannot reproduce.
 */
export function assembleConv(
  encTraced: TracedGraph,
  enc: EncoderParts,
  decTraced: TracedGraph,
): ImportedOnnxModel {
  if (encTraced.inputs.length !== 1 || decTraced.inputs.length !== 1) {
    throw structure(
      'a conv model has one input per graph (a conditional conv model is not supported)',
      encTraced.inputs.length !== 1 ? 'encoder' : 'decoder',
    );
  }
  const trunk = readConvEncoder(enc.base, 'encoder');
  const activation = sharedActivation([...trunk.stages, ...enc.trunk], 'encoder', NETWORK)!;
  const latentDim = enc.heads[0]!.outFeatures;
  if (enc.heads.some((h) => h.outFeatures !== latentDim)) {
    throw structure('μ and log σ² have different widths', 'encoder');
  }
  // The first dense layer after the flatten reads latentkit's [H, W, C] order.
  const hidden =
    enc.trunk.length > 0 ? [hwcRows(enc.trunk[0]!, trunk.map), ...enc.trunk.slice(1)] : [];
  const heads = enc.trunk.length > 0 ? enc.heads : enc.heads.map((h) => hwcRows(h, trunk.map));
  const first = trunk.stages[0]!.conv;
  const [c, h, w] = encTraced.inputShape as [number, number, number];

  if (decTraced.outputs.length !== 1) {
    throw structure(`a decoder has one output, found ${decTraced.outputs.length}`, 'decoder');
  }
  const dec = readConvDecoder(decTraced.outputs[0]!.expr, 'decoder');
  requireInputBase(dec.base, 'decoder');
  const decActivation = sharedActivation(
    [...dec.hidden, dec.proj, ...dec.stages.slice(0, -1)],
    'decoder',
    NETWORK,
  )!;
  const decIn = (dec.hidden[0] ?? dec.proj).inFeatures;
  const out = dec.stages.at(-1)!.conv.outShape;
  if (decIn !== latentDim || out[0] !== c || out[1] !== h || out[2] !== w) {
    throw structure(
      `the decoder maps ${decIn} features to [${out.join(', ')}]; the encoder needs ${latentDim} → [${c}, ${h}, ${w}]`,
      'decoder',
    );
  }
  const encoder: ConvSpec = {
    type: 'conv',
    channels: trunk.stages.map((s) => s.conv.outShape[0]),
    kernel: first.kernel[0],
    stride: first.strides[0],
    hidden: enc.trunk.map((s) => s.outFeatures),
    activation,
  };
  const up = dec.stages[0]!.conv;
  const decoder: ConvSpec = {
    type: 'conv',
    channels: [dec.map[0], ...dec.stages.slice(0, -1).map((s) => s.conv.outShape[0])],
    kernel: up.kernel[0],
    stride: up.strides[0],
    hidden: dec.hidden.map((s) => s.outFeatures),
    activation: decActivation,
    upsample: 'transpose',
  };
  const vae = heads.length === 2;
  const config: ModelConfig = {
    kind: vae ? 'vae' : 'ae',
    inputShape: [h, w, c],
    latentDim,
    encoder,
    decoder,
    likelihood: dec.sigmoid ? 'bernoulli' : 'gaussian',
  };
  const record: Record<string, TensorRecord> = {};
  for (const [i, s] of trunk.stages.entries()) putConv(record, `encoder.conv${i + 1}`, s);
  for (const [i, s] of hidden.entries()) putDense(record, `encoder.fc${i + 1}`, s);
  putDense(record, 'encoder.mu', heads[0]!);
  if (vae) putDense(record, 'encoder.logVar', heads[1]!);
  for (const [i, s] of dec.hidden.entries()) putDense(record, `decoder.fc${i + 1}`, s);
  putDense(record, 'decoder.proj', hwcColumns(dec.proj, dec.map));
  dec.stages.forEach((s, i) => {
    const last = i === dec.stages.length - 1;
    putConv(record, last ? 'decoder.out' : `decoder.up${i + 1}`, s);
  });
  return { config, record, float: undefined };
}
