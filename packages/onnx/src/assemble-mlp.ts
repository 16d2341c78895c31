import type { TensorRecord } from '@latentkit/core';
import type { ModelConfig } from '@latentkit/models';
import { type FloatMlp, type FloatVae, floatVaeFromModel } from '@latentkit/quantize';
import { readNetworkInput } from './conditional-input.js';
import { type DenseStep, denseRun, permuteRows } from './dense-chain.js';
import type { EncoderParts } from './encoder-parts.js';
import type { ImportedOnnxModel } from './import-onnx-model.js';
import { putDense } from './layer-record.js';
import { OnnxImportError } from './onnx-import-error.js';
import { sharedActivation } from './shared-activation.js';
import type { TracedGraph } from './trace-onnx-graph.js';

function mlpSpec(steps: DenseStep[], graph: string): ModelConfig['encoder'] {
  // No hidden layer: the activation is never applied; createModel's default keeps every consumer
  // (floatVaeFromModel reads it) on a known name.
  const activation = sharedActivation(steps, graph, 'a latentkit MLP') ?? 'relu';
  return { type: 'mlp', hidden: steps.map((s) => s.outFeatures), activation };
}

function floatMlp(steps: DenseStep[], names: string[]): FloatMlp {
  return {
    layers: steps.map((s, i) => ({
      inFeatures: s.inFeatures,
      outFeatures: s.outFeatures,
      weight: s.weight,
      bias: s.bias,
      activation: s.activation,
      ...(s.activation === 'leakyRelu' ? { negativeSlope: s.negativeSlope } : {}),
      name: names[i]!,
    })),
  };
}

/** The first dense layer of a chain (the first hidden one, or every head) with `rows` applied. */
function reorderFirst<T extends { trunk: DenseStep[]; heads: DenseStep[] }>(
  parts: T,
  rows: number[] | undefined,
): T {
  if (rows === undefined) return parts;
  if (parts.trunk.length > 0) {
    return { ...parts, trunk: [permuteRows(parts.trunk[0]!, rows), ...parts.trunk.slice(1)] };
  }
  return { ...parts, heads: parts.heads.map((h) => permuteRows(h, rows)) };
}

function decoderParts(traced: TracedGraph, latentDim: number, features: number, classes: number) {
  const graph = 'decoder';
  if (traced.outputs.length !== 1) {
    throw new OnnxImportError(
      'unsupported-structure',
      `a decoder has one output, found ${traced.outputs.length}`,
      { graph },
    );
  }
  const { steps, base } = denseRun(traced.outputs[0]!.expr, graph);
  const out = steps.at(-1);
  if (out === undefined || (out.activation !== 'sigmoid' && out.activation !== 'linear')) {
    throw new OnnxImportError(
      'unsupported-structure',
      `the decoder output must be a dense layer, optionally followed by Sigmoid (found ${out?.activation ?? 'no dense layer'})`,
      out === undefined ? { graph } : { graph, node: out.node },
    );
  }
  const input = readNetworkInput(base, traced, graph);
  if (input.numClasses !== classes) {
    throw new OnnxImportError(
      'unsupported-structure',
      `the decoder takes ${input.numClasses} label classes, the encoder ${classes}; a CVAE's encoder and decoder both take the one-hot label (an unconditional model neither)`,
      { graph },
    );
  }
  const inFeatures = latentDim + classes;
  if (steps[0]!.inFeatures !== inFeatures || out.outFeatures !== features) {
    throw new OnnxImportError(
      'unsupported-structure',
      `the decoder maps ${steps[0]!.inFeatures} → ${out.outFeatures} features; the encoder needs ${inFeatures} → ${features}`,
      { graph },
    );
  }
  const { trunk, heads } = reorderFirst({ trunk: steps.slice(0, -1), heads: [out] }, input.rows);
  return { hidden: trunk, out: heads[0]! };
}

/**
 * The imported model of an MLP encoder and decoder: an AE, a VAE, or a CVAE when both graphs
 * take a one-hot label as their second input.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` when the graphs do not fit together.
 */
export function assembleMlp(
  encTraced: TracedGraph,
  parts: EncoderParts,
  decTraced: TracedGraph,
): ImportedOnnxModel {
  const input = readNetworkInput(parts.base, encTraced, 'encoder');
  const enc = reorderFirst(parts, input.rows);
  const latentDim = enc.heads[0]!.outFeatures;
  if (enc.heads.some((h) => h.outFeatures !== latentDim)) {
    throw new OnnxImportError('unsupported-structure', 'μ and log σ² have different widths', {
      graph: 'encoder',
    });
  }
  const conditional = input.numClasses > 0;
  const vae = enc.heads.length === 2;
  if (conditional && !vae) {
    throw new OnnxImportError(
      'unsupported-structure',
      "a conditional encoder must output μ and log σ² (latentkit's CVAE); a conditional autoencoder is not supported",
      { graph: 'encoder' },
    );
  }
  const inputShape = encTraced.inputShape;
  const features = inputShape.reduce((p, d) => p * d, 1);
  const dec = decoderParts(decTraced, latentDim, features, input.numClasses);
  const config: ModelConfig = {
    kind: conditional ? 'cvae' : vae ? 'vae' : 'ae',
    inputShape: [...inputShape],
    latentDim,
    encoder: mlpSpec(enc.trunk, 'encoder'),
    decoder: mlpSpec(dec.hidden, 'decoder'),
    likelihood: dec.out.activation === 'sigmoid' ? 'bernoulli' : 'gaussian',
    ...(conditional ? { numClasses: input.numClasses } : {}),
  };
  const record: Record<string, TensorRecord> = {};
  for (const [i, s] of enc.trunk.entries()) putDense(record, `encoder.fc${i + 1}`, s);
  putDense(record, 'encoder.mu', enc.heads[0]!);
  if (vae) putDense(record, 'encoder.logVar', enc.heads[1]!);
  for (const [i, s] of dec.hidden.entries()) putDense(record, `decoder.fc${i + 1}`, s);
  putDense(record, 'decoder.out', dec.out);
  return { config, record, float: floatOf(config, record, enc, dec) };
}

/** The hardware path's float description (none for a CVAE: quantize has no label input). */
function floatOf(
  config: ModelConfig,
  record: Record<string, TensorRecord>,
  enc: EncoderParts,
  dec: { hidden: DenseStep[]; out: DenseStep },
): FloatVae | undefined {
  if (config.kind === 'cvae') return undefined;
  if (config.kind === 'vae') {
    return floatVaeFromModel(
      {
        ...config,
        decoder: config.decoder ?? config.encoder,
        likelihood: config.likelihood ?? 'bernoulli',
      },
      record,
    );
  }
  return {
    encoder: floatMlp(
      [...enc.trunk, enc.heads[0]!],
      [...enc.trunk.map((_, i) => `encoder.fc${i + 1}`), 'encoder.mu'],
    ),
    decoder: floatMlp(
      [...dec.hidden, dec.out],
      [...dec.hidden.map((_, i) => `decoder.fc${i + 1}`), 'decoder.out'],
    ),
  };
}
