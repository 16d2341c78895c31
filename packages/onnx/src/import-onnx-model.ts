import { InvalidArgumentError, requireKnownOptions, type TensorRecord } from '@latentkit/core';
import type { ModelConfig } from '@latentkit/models';
import type { FloatVae } from '@latentkit/quantize';
import { assembleConv } from './assemble-conv.js';
import { assembleMlp } from './assemble-mlp.js';
import { DEFAULT_MAX_ONNX_BYTES, decodeOnnxModel, onnxBytes } from './decode-onnx-model.js';
import { isSpatial } from './dense-chain.js';
import { encoderParts } from './encoder-parts.js';
import { OnnxImportError } from './onnx-import-error.js';
import { traceOnnxGraph } from './trace-onnx-graph.js';

/** The two ONNX files of a model, each the bytes of a self-contained `.onnx` file. */
export interface OnnxModelFiles {
  /**
   * The encoder: input `[batch, …inputShape]` (`[batch, C, H, W]` for a conv encoder; a CVAE's
   * encoder has a second input, the one-hot label `[batch, classes]`); outputs μ and log σ²
   * (`[batch, latentDim]` each, in that order, as two outputs or one output cut by
   * `Split`/`Slice`; the second may also be σ² = `Exp(log σ²)`) for a VAE, or one output z for
   * an autoencoder.
   */
  encoder: Uint8Array | ArrayBuffer;
  /**
   * The decoder: input `[batch, latentDim]` (a CVAE's decoder: then the one-hot label), one
   * output `[batch, features]` (`[batch, C, H, W]` for a conv decoder): `Sigmoid` of the last
   * layer (Bernoulli means) or the last layer itself (Gaussian means).
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
  /**
   * A `createModel` config: kind `'vae'`, `'ae'` or `'cvae'` (with `numClasses`), MLP or conv
   * encoder and decoder. A conv model's `inputShape` is `[H, W, C]` (NHWC) for PyTorch's
   * `[C, H, W]`: transpose images (axes `[0, 2, 3, 1]`) before `encode`, and the decoder's
   * output back (axes `[0, 3, 1, 2]`) to compare with PyTorch's.
   */
  config: ModelConfig;
  /**
   * The parameters by latentkit name, float32: pass to `model.store.loadRecord` of
   * `createModel(config)`. Dense: `encoder.fc1.weight` `[in, out]`, `encoder.mu.*`,
   * `encoder.logVar.*`, `decoder.fc1.*`, `decoder.out.*` (MLP) or `decoder.proj.*` (conv).
   * Conv: `encoder.conv1.weight` `[kh, kw, in, out]`, and the transposed convolutions
   * `decoder.up1.*`, …, `decoder.out.*` with weights `[kh, kw, out, in]`.
   */
  record: Record<string, TensorRecord>;
  /**
   * The float description for `@latentkit/quantize` (whose hardware path is MLP-only): for an MLP
   * VAE the `FloatVae` of `floatVaeFromModel` (encoder output `[μ | log σ²]`); for an MLP
   * autoencoder the encoder outputs z. `undefined` for a conv model or a CVAE.
   */
  float: FloatVae | undefined;
}

function checkMaxBytes(value: number | undefined): number {
  const maxBytes = value ?? DEFAULT_MAX_ONNX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidArgumentError('maxBytes', `must be a positive integer, got ${maxBytes}`);
  }
  return maxBytes;
}

/**
 * Imports a VAE, autoencoder or CVAE from two ONNX files (encoder and decoder, as
 * `torch.onnx.export` writes them, opset 13–17) into a latentkit model config, its parameters
 * and (MLP VAEs and autoencoders) the float description of the hardware path.
 *
 * Mapped: `Gemm` (any `transB`, `alpha`, `beta`; `transA = 0`), `MatMul` + `Add`, `Relu`,
 * `LeakyRelu` (slope 0.01), `Sigmoid`, `Tanh`, `Exp` (on the log σ² output), `Flatten` /
 * `Reshape` keeping the batch, μ / log σ² as two `Gemm`s or one cut by `Split` / `Slice`, and
 * the constant forms around them (`Constant`, initializers, `Shape` / `Gather` / arithmetic
 * folded to constants). Only the batch dimension may be dynamic. The hidden layers of each
 * network share one activation (a latentkit network's rule).
 *
 * Conv models: `Conv` stages (2-D, dilation 1, group 1, one square kernel and stride, pads equal
 * to TensorFlow's `'same'`: e.g. k4 s2 p1, k3 s1 p1) → `Flatten` / `Reshape` → dense layers →
 * heads; decoder: dense layers → a dense projection `Reshape`d to `[C, h, w]` → `ConvTranspose`
 * stages (stride ≥ 2, output = input · stride, e.g. k4 s2 p1), the last without activation,
 * optionally `Sigmoid`. They map to latentkit's conv architecture with transposed-convolution
 * upsampling; filters and the dense layers next to the flatten / reshape are permuted from
 * NCHW to NHWC. CVAE: both graphs take a second input, the one-hot label, joined to the data
 * (encoder) or z (decoder) by a `Concat` before the first dense layer.
 *
 * @param files - The encoder and decoder bytes.
 * @param options - See {@link ImportOnnxOptions}.
 * @returns See {@link ImportedOnnxModel}; `createModel(config)` then `loadRecord(record)`
 *   reproduces the graphs (the decoder's `Sigmoid` becomes the Bernoulli likelihood).
 * @throws {@link OnnxImportError} for a file that is too large, malformed, uses external data,
 *   an unsupported operator, attribute, data type or dynamic shape, or is not an encoder /
 *   decoder pair of the forms above (naming the graph, node and operator, and what is supported).
 * @throws {@link InvalidArgumentError} for bytes that are not a Uint8Array / ArrayBuffer or a bad
 *   `maxBytes`; {@link UnknownOptionError} for an unknown option.
 * @throws {@link OnnxImportError} `'unsupported-attribute'` / `'unsupported-structure'` for a
 *   convolution latentkit's conv layers cannot reproduce (group ≠ 1, dilation ≠ 1, `auto_pad`,
 *   pads other than `'same'`, non-square kernels, different kernels or strides per stage).
 *
 * @example
 * ```ts
 * import { createModel } from '@latentkit/models';
 * import { importOnnxModel } from '@latentkit/onnx';
 *
 * // encoderBytes, decoderBytes: the two .onnx files as Uint8Arrays (read from disk in Node, or
 * // fetched in a browser)
 * const { config, record } = importOnnxModel({ encoder: encoderBytes, decoder: decoderBytes });
 * const model = createModel(config);
 * model.store.loadRecord(record); // now encodes and decodes as the PyTorch model did
 * ```
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
  const parts = encoderParts(encoder);
  const decoder = trace('decoder');
  const convEncoder = isSpatial(parts.base);
  const convDecoder = decoder.outputs.length === 1 && isSpatial(decoder.outputs[0]!.expr);
  if (convEncoder !== convDecoder) {
    throw new OnnxImportError(
      'unsupported-structure',
      `a ${convEncoder ? 'conv' : 'dense'} encoder with a ${convDecoder ? 'conv' : 'dense'} decoder is not supported; both must be conv (Conv / ConvTranspose) or both dense`,
      { graph: 'decoder' },
    );
  }
  return convEncoder ? assembleConv(encoder, parts, decoder) : assembleMlp(encoder, parts, decoder);
}
