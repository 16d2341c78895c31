import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import type { Model, ResolvedModelConfig, ResolvedSpec } from '@latentkit/models';
import { version } from '../package.json';
import { checkActivation, type LayerContext } from './export-layers.js';
import {
  type DecoderOutput,
  type NetworkIo,
  writeDecoder,
  writeEncoder,
} from './export-networks.js';
import { OnnxExportError } from './onnx-export-error.js';
import { OnnxGraphWriter } from './onnx-graph-writer.js';

/** Options of {@link exportOnnxModel}. */
export interface ExportOnnxOptions {
  /**
   * What the decoder graph's `x_hat` holds for a Bernoulli decoder: `'mean'` (default) the
   * probabilities σ(logits) through a `Sigmoid` node — `model.decodeMean` — or `'logits'` the
   * last dense / conv layer itself — `model.decode`. A Gaussian decoder always outputs μ
   * (`'logits'` is refused there).
   */
  decoderOutput?: 'mean' | 'logits';
  /**
   * The ONNX opset of both graphs: 17 (default; IR version 8) or 13 (IR version 7). Every
   * operator written is the same in both.
   */
  opset?: 13 | 17;
}

/**
 * The two ONNX files of an exported model, each a self-contained `.onnx` `ModelProto`
 * (write them with `writeFileSync`; `importOnnxModel` takes the pair back).
 */
export interface ExportedOnnxModel {
  /**
   * Encoder graph. Inputs: `x` float32 `[N, ...inputShape]` for an MLP (latentkit's row-major
   * order; flattened inside), `[N, C, H, W]` (NCHW, PyTorch's layout) for a conv encoder whose
   * latentkit `inputShape` is `[H, W, C]`; for a CVAE also `y` float32 `[N, numClasses]`
   * (one-hot). Outputs: `mu` and `logvar` `[N, latentDim]` (VAE, CVAE: μ and log σ², natural
   * log) or `z` `[N, latentDim]` (autoencoder). `N` is a dynamic dimension.
   */
  encoder: Uint8Array;
  /**
   * Decoder graph. Inputs: `z` float32 `[N, latentDim]`, and `y` `[N, numClasses]` for a CVAE.
   * Output: `x_hat` `[N, ...inputShape]` (MLP) or `[N, C, H, W]` (conv) — see
   * {@link ExportOnnxOptions.decoderOutput}.
   */
  decoder: Uint8Array;
}

const OPSET_IR: Record<number, number> = { 13: 7, 17: 8 };

const EXPORTABLE_LIKELIHOODS = ['bernoulli', 'gaussian', 'gaussian-learned'];

function checkSpec(spec: ResolvedSpec, name: string): void {
  const type = (spec as { type: string }).type;
  if (type !== 'mlp' && type !== 'conv') {
    throw new OnnxExportError(
      'unsupported-network',
      `${name} type '${type}'`,
      "exportable network types: 'mlp', 'conv'",
    );
  }
  checkActivation(spec.activation, name);
  if (spec.type === 'conv' && !['depthToSpace', 'transpose'].includes(spec.upsample)) {
    throw new OnnxExportError(
      'unsupported-network',
      `${name} upsample '${spec.upsample}'`,
      "exportable upsampling: 'depthToSpace', 'transpose'",
    );
  }
}

function checkExportable(cfg: ResolvedModelConfig, output: DecoderOutput): void {
  if (cfg.kind !== 'vae' && cfg.kind !== 'ae' && cfg.kind !== 'cvae') {
    throw new OnnxExportError(
      'unsupported-kind',
      `kind '${cfg.kind}'`,
      "exportable kinds: 'vae', 'ae', 'cvae' (a VQ-VAE's codebook search has no export here)",
    );
  }
  if (!EXPORTABLE_LIKELIHOODS.includes(cfg.likelihood)) {
    throw new OnnxExportError(
      'unsupported-likelihood',
      `likelihood '${cfg.likelihood}'`,
      `exportable likelihoods: ${EXPORTABLE_LIKELIHOODS.join(', ')}`,
    );
  }
  checkSpec(cfg.encoder, 'encoder');
  checkSpec(cfg.decoder, 'decoder');
  if (output === 'logits' && cfg.likelihood !== 'bernoulli') {
    throw new InvalidArgumentError(
      'decoderOutput',
      `'logits' applies to a Bernoulli decoder; this one is '${cfg.likelihood}' (its output is μ)`,
    );
  }
}

/**
 * Exports a latentkit model made by `createModel` to ONNX, the encoder and the decoder as two
 * graphs that onnxruntime (and `importOnnxModel`) runs.
 *
 * Operators (opset 17, or 13): `Gemm` (dense layers, weights `[in, out]` with `transB = 0`),
 * `Relu`, `LeakyRelu` (α 0.01), `Elu` (α 1), `Tanh`, `Sigmoid`, `Softplus`, `Flatten`, `Concat`
 * (CVAE label), `Conv` (padding written out as latentkit's `'same'` rule: the odd row at the
 * bottom / right), `ConvTranspose`, `DepthToSpace` (DCR: latentkit's sub-pixel order),
 * `Reshape`, `Slice`. Conv models take and return NCHW images: latentkit's NHWC weights are
 * permuted (filters to `[out, in, kh, kw]`, the dense rows after the flattened feature map to
 * NCHW order), so the graph is the one a PyTorch user writes. Initializers are float32, stored as
 * little-endian `raw_data` under latentkit's parameter names; `producer_name` is `'latentkit'`.
 * The parameters are read once (`model.store.toRecord()`); the model is not changed.
 *
 * @param model - A VAE, AE or CVAE from `createModel` (MLP or conv encoder / decoder).
 * @param options - See {@link ExportOnnxOptions}.
 * @returns See {@link ExportedOnnxModel}.
 * @throws {@link OnnxExportError} for a model that cannot be written: a VQ-VAE, an unknown
 *   network type, activation or likelihood, or a parameter missing or of the wrong shape (its
 *   `feature` names it).
 * @throws {@link InvalidArgumentError} for a bad `decoderOutput` or `opset`, `'logits'` with a
 *   Gaussian decoder, or a `model` without `config` and `store`.
 * @throws {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { exportOnnxModel } from '@latentkit/onnx';
 *
 * // model: a trained model from createModel; encoder and decoder are the .onnx files' bytes
 * const { encoder, decoder } = exportOnnxModel(model);
 * console.log(encoder.byteLength, decoder.byteLength); // write them to disk or download them
 * ```
 */
export function exportOnnxModel(
  model: Pick<Model, 'config' | 'store'>,
  options: ExportOnnxOptions = {},
): ExportedOnnxModel {
  requireKnownOptions(options, ['decoderOutput', 'opset']);
  const output = options.decoderOutput ?? 'mean';
  if (output !== 'mean' && output !== 'logits') {
    throw new InvalidArgumentError(
      'decoderOutput',
      `must be 'mean' or 'logits', got ${String(output)}`,
    );
  }
  const opset = options.opset ?? 17;
  const irVersion = OPSET_IR[opset];
  if (irVersion === undefined) {
    throw new InvalidArgumentError('opset', `must be 13 or 17, got ${String(opset)}`);
  }
  if (model === null || typeof model !== 'object' || !model.config || !model.store) {
    throw new InvalidArgumentError('model', 'must be a model from createModel (config and store)');
  }
  const cfg = model.config;
  checkExportable(cfg, output);
  const record = model.store.toRecord();
  const write = (graphName: 'encoder' | 'decoder', fill: (ctx: LayerContext) => NetworkIo) => {
    const ctx: LayerContext = { writer: new OnnxGraphWriter(), record };
    const io = fill(ctx);
    return ctx.writer.encode({
      graphName: `latentkit ${cfg.kind} ${graphName}`,
      ...io,
      opset,
      irVersion,
      producerVersion: version,
      docString: `latentkit ${cfg.kind} ${graphName} (${cfg.encoder.type}, likelihood ${cfg.likelihood})`,
    });
  };
  return {
    encoder: write('encoder', (ctx) => writeEncoder(ctx, cfg)),
    decoder: write('decoder', (ctx) => writeDecoder(ctx, cfg, output)),
  };
}
