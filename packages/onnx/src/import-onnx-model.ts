import { InvalidArgumentError, requireKnownOptions, type TensorRecord } from '@latentkit/core';
import type { ModelConfig } from '@latentkit/models';
import { type FloatMlp, type FloatVae, floatVaeFromModel } from '@latentkit/quantize';
import { DEFAULT_MAX_ONNX_BYTES, decodeOnnxModel, onnxBytes } from './decode-onnx-model.js';
import { type DenseStep, denseChain, sliceStep } from './dense-chain.js';
import { OnnxImportError } from './onnx-import-error.js';
import type { Expr } from './onnx-values.js';
import { type TracedGraph, traceOnnxGraph } from './trace-onnx-graph.js';

/** The two ONNX files of a model, each the bytes of a self-contained `.onnx` file. */
export interface OnnxModelFiles {
  /**
   * The encoder: input `[batch, …inputShape]`; outputs μ and log σ² (`[batch, latentDim]` each,
   * in that order, as two outputs or one output cut by `Split`/`Slice`; the second may also be
   * σ² = `Exp(log σ²)`) for a VAE, or one output z for an autoencoder.
   */
  encoder: Uint8Array | ArrayBuffer;
  /**
   * The decoder: input `[batch, latentDim]`, one output `[batch, features]`: `Sigmoid` of the
   * last layer (Bernoulli means) or the last layer itself (Gaussian means).
   */
  decoder: Uint8Array | ArrayBuffer;
}

/** Options of {@link importOnnxModel}. */
export interface ImportOnnxOptions {
  /**
   * Largest accepted file, in bytes (each file). Default 268 435 456 (256 MiB). A larger file is
   * refused before it is decoded.
   */
  maxBytes?: number;
}

/** The result of {@link importOnnxModel}. */
export interface ImportedOnnxModel {
  /** A `createModel` config: kind `'vae'` or `'ae'`, MLP encoder and decoder. */
  config: ModelConfig;
  /**
   * The parameters by latentkit name (`encoder.fc1.weight` `[in, out]`, `encoder.mu.*`,
   * `encoder.logVar.*`, `decoder.fc1.*`, `decoder.out.*`), float32: pass to
   * `model.store.loadRecord` of `createModel(config)`.
   */
  record: Record<string, TensorRecord>;
  /**
   * The float description for `@latentkit/quantize`: for a VAE the `FloatVae` of
   * `floatVaeFromModel` (encoder output `[μ | log σ²]`); for an autoencoder the encoder outputs z.
   */
  float: FloatVae;
}

/** PyTorch's and latentkit's LeakyReLU slope; the ONNX attribute holds it rounded to float32. */
const LEAKY_SLOPE = 0.01;

function trunkActivation(steps: DenseStep[], graph: string): ModelConfig['encoder'] {
  const hidden = steps.map((s) => s.outFeatures);
  const first = steps[0];
  // No hidden layer: the activation is never applied; createModel's default keeps every consumer
  // (floatVaeFromModel reads it) on a known name.
  if (first === undefined) return { type: 'mlp', hidden, activation: 'relu' };
  for (const step of steps) {
    const site = { graph, node: step.node };
    if (step.activation !== first.activation) {
      throw new OnnxImportError(
        'unsupported-structure',
        `hidden layers with different activations (${first.activation}, ${step.activation}); a latentkit MLP uses one activation for all hidden layers`,
        site,
      );
    }
    if (step.activation === 'leakyRelu' && Math.abs(step.negativeSlope - LEAKY_SLOPE) > 1e-6) {
      throw new OnnxImportError(
        'unsupported-attribute',
        `LeakyRelu alpha ${step.negativeSlope} is not supported; latentkit's MLPs use ${LEAKY_SLOPE}`,
        { graph, node: step.activationNode ?? step.node, op: 'LeakyRelu' },
      );
    }
  }
  return {
    type: 'mlp',
    hidden,
    activation: first.activation === 'sigmoid' ? 'sigmoid' : first.activation,
  };
}

function linearHead(steps: DenseStep[], graph: string, what: string): DenseStep {
  const head = steps.at(-1);
  if (head === undefined || head.activation !== 'linear') {
    throw new OnnxImportError(
      'unsupported-structure',
      `${what} must be the output of a dense layer without activation`,
      head === undefined ? { graph } : { graph, node: head.node },
    );
  }
  return head;
}

interface EncoderParts {
  trunk: DenseStep[];
  heads: DenseStep[];
}

function encoderParts(traced: TracedGraph): EncoderParts {
  const graph = 'encoder';
  const outs = traced.outputs.map((o) => o.expr);
  if (outs.length === 1) {
    const steps = denseChain(outs[0]!, graph);
    const head = linearHead(steps, graph, 'the latent code');
    return { trunk: steps.slice(0, -1), heads: [head] };
  }
  if (outs.length !== 2) {
    throw new OnnxImportError(
      'unsupported-structure',
      `an encoder has one output (autoencoder) or two (μ, log σ²), found ${outs.length}`,
      { graph },
    );
  }
  const mu = outs[0]!;
  let logVar = outs[1]!;
  if (logVar.op === 'act' && logVar.activation === 'exp') logVar = logVar.src;
  if (mu.op === 'slice' && logVar.op === 'slice' && mu.src === logVar.src) {
    const steps = denseChain(mu.src, graph);
    const joint = linearHead(steps, graph, 'the joint μ / log σ² layer');
    return {
      trunk: steps.slice(0, -1),
      heads: [sliceStep(joint, mu.start, mu.end), sliceStep(joint, logVar.start, logVar.end)],
    };
  }
  const src = (e: Expr) => (e.op === 'dense' ? e.src : undefined);
  if (mu.op !== 'dense' || logVar.op !== 'dense' || src(mu) !== src(logVar)) {
    throw new OnnxImportError(
      'unsupported-structure',
      'μ and log σ² must be two dense layers on the same hidden features, or two slices of one',
      { graph },
    );
  }
  const steps = denseChain(mu, graph);
  return {
    trunk: steps.slice(0, -1),
    heads: [linearHead(steps, graph, 'μ'), linearHead(denseChain(logVar, graph), graph, 'log σ²')],
  };
}

function put(record: Record<string, TensorRecord>, name: string, step: DenseStep): void {
  for (const [part, data] of [
    ['weight', step.weight],
    ['bias', step.bias],
  ] as const) {
    if (!data.every(Number.isFinite)) {
      // Finite initializers can still overflow float32 when Gemm's alpha or beta scales them.
      throw new OnnxImportError('bad-tensor', `the ${part} of ${name} overflows float32`, {
        node: step.node,
      });
    }
  }
  record[`${name}.weight`] = {
    shape: [step.inFeatures, step.outFeatures],
    dtype: 'float32',
    data: step.weight,
  };
  record[`${name}.bias`] = { shape: [step.outFeatures], dtype: 'float32', data: step.bias };
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

function decoderParts(traced: TracedGraph, latentDim: number, features: number) {
  const graph = 'decoder';
  if (traced.outputs.length !== 1) {
    throw new OnnxImportError(
      'unsupported-structure',
      `a decoder has one output, found ${traced.outputs.length}`,
      { graph },
    );
  }
  const steps = denseChain(traced.outputs[0]!.expr, graph);
  const out = steps.at(-1);
  if (out === undefined || (out.activation !== 'sigmoid' && out.activation !== 'linear')) {
    throw new OnnxImportError(
      'unsupported-structure',
      `the decoder output must be a dense layer, optionally followed by Sigmoid (found ${out?.activation ?? 'no dense layer'})`,
      out === undefined ? { graph } : { graph, node: out.node },
    );
  }
  if (steps[0]!.inFeatures !== latentDim || out.outFeatures !== features) {
    throw new OnnxImportError(
      'unsupported-structure',
      `the decoder maps ${steps[0]!.inFeatures} → ${out.outFeatures} features; the encoder needs ${latentDim} → ${features}`,
      { graph },
    );
  }
  return { hidden: steps.slice(0, -1), out };
}

function assemble(
  inputShape: number[],
  enc: EncoderParts,
  decTraced: TracedGraph,
): ImportedOnnxModel {
  const latentDim = enc.heads[0]!.outFeatures;
  if (enc.heads.some((h) => h.outFeatures !== latentDim)) {
    throw new OnnxImportError('unsupported-structure', 'μ and log σ² have different widths', {
      graph: 'encoder',
    });
  }
  const features = inputShape.reduce((p, d) => p * d, 1);
  const dec = decoderParts(decTraced, latentDim, features);
  const vae = enc.heads.length === 2;
  const config: ModelConfig = {
    kind: vae ? 'vae' : 'ae',
    inputShape: [...inputShape],
    latentDim,
    encoder: trunkActivation(enc.trunk, 'encoder'),
    decoder: trunkActivation(dec.hidden, 'decoder'),
    likelihood: dec.out.activation === 'sigmoid' ? 'bernoulli' : 'gaussian',
  };
  const record: Record<string, TensorRecord> = {};
  for (const [i, s] of enc.trunk.entries()) put(record, `encoder.fc${i + 1}`, s);
  put(record, 'encoder.mu', enc.heads[0]!);
  if (vae) put(record, 'encoder.logVar', enc.heads[1]!);
  for (const [i, s] of dec.hidden.entries()) put(record, `decoder.fc${i + 1}`, s);
  put(record, 'decoder.out', dec.out);
  const float: FloatVae = vae
    ? floatVaeFromModel(
        {
          ...config,
          decoder: config.decoder ?? config.encoder,
          likelihood: config.likelihood ?? 'bernoulli',
        },
        record,
      )
    : {
        encoder: floatMlp(
          [...enc.trunk, enc.heads[0]!],
          [...enc.trunk.map((_, i) => `encoder.fc${i + 1}`), 'encoder.mu'],
        ),
        decoder: floatMlp(
          [...dec.hidden, dec.out],
          [...dec.hidden.map((_, i) => `decoder.fc${i + 1}`), 'decoder.out'],
        ),
      };
  return { config, record, float };
}

function checkMaxBytes(value: number | undefined): number {
  const maxBytes = value ?? DEFAULT_MAX_ONNX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidArgumentError('maxBytes', `must be a positive integer, got ${maxBytes}`);
  }
  return maxBytes;
}

/**
 * Imports an MLP VAE or autoencoder from two ONNX files (encoder and decoder, as
 * `torch.onnx.export` writes them, opset 13–17) into a latentkit model config, its parameters
 * and the float description of the hardware path.
 *
 * Mapped: `Gemm` (any `transB`, `alpha`, `beta`; `transA = 0`), `MatMul` + `Add`, `Relu`,
 * `LeakyRelu` (slope 0.01), `Sigmoid`, `Tanh`, `Exp` (on the log σ² output), `Flatten` /
 * `Reshape` keeping the batch, μ / log σ² as two `Gemm`s or one cut by `Split` / `Slice`, and
 * the constant forms around them (`Constant`, initializers, `Shape` / `Gather` / arithmetic
 * folded to constants). Only the batch dimension may be dynamic. The hidden layers of each
 * network share one activation (a latentkit MLP's rule).
 *
 * @param files - The encoder and decoder bytes.
 * @param options - See {@link ImportOnnxOptions}.
 * @returns See {@link ImportedOnnxModel}; `createModel(config)` then `loadRecord(record)`
 *   reproduces the graphs (the decoder's `Sigmoid` becomes the Bernoulli likelihood).
 * @throws {@link OnnxImportError} for a file that is too large, malformed, uses external data,
 *   an unsupported operator, attribute, data type or dynamic shape, or is not an MLP encoder /
 *   decoder pair (naming the graph, node and operator, and what is supported).
 * @throws {@link InvalidArgumentError} for bytes that are not a Uint8Array / ArrayBuffer or a bad
 *   `maxBytes`; {@link UnknownOptionError} for an unknown option.
 */
export function importOnnxModel(
  files: OnnxModelFiles,
  options: ImportOnnxOptions = {},
): ImportedOnnxModel {
  requireKnownOptions(options, ['maxBytes']);
  const maxBytes = checkMaxBytes(options.maxBytes);
  if (files === null || typeof files !== 'object') {
    throw new InvalidArgumentError('files', 'must be { encoder, decoder }');
  }
  const trace = (graph: 'encoder' | 'decoder') =>
    traceOnnxGraph(
      decodeOnnxModel(onnxBytes(files[graph], `files.${graph}`), maxBytes, { graph }),
      graph,
    );
  const encoder = trace('encoder');
  return assemble(encoder.inputShape, encoderParts(encoder), trace('decoder'));
}
