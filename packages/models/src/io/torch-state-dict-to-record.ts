import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import type { TensorRecord } from '@latentkit/tensor';
import type { ModelConfig, ResolvedModelConfig } from '../model/model-config.js';
import { mappedName } from './mapped-name.js';
import { CONFIG_METADATA_KEY } from './model-config-key.js';
import { setOwn } from './parse-safetensors-header.js';
import { safetensorsToRecord } from './safetensors-to-record.js';
import { torchLayerPlan } from './torch-layer-plan.js';
import { torchNameMap } from './torch-name-map.js';
import { type TorchParamLayout, torchParamLayout } from './torch-param-layout.js';

/** Options of {@link torchStateDictToRecord}. */
export interface TorchStateDictToRecordOptions {
  /**
   * The model's `createModel` config. Default: the file's `__metadata__.config` (as written by
   * {@link modelToTorchSafetensors} or `latentkit_torch.save_latentkit`); required otherwise.
   */
  config?: ModelConfig | ResolvedModelConfig;
  /**
   * PyTorch name → latentkit name, e.g. from {@link torchNameMap}. Default:
   * `torchNameMap(config)` (latentkit's own names).
   */
  nameMap?: Readonly<Record<string, string>>;
  /**
   * When `true` (default) every file tensor must be in `nameMap` and every parameter of the
   * model in the file. When `false` unmapped file tensors are skipped and missing parameters
   * are left out of the record (shapes are still checked).
   */
  strict?: boolean;
  /** Passed to `decodeSafetensors`. Default 100 000 000. */
  maxHeaderBytes?: number;
}

/** What {@link torchStateDictToRecord} returns. */
export interface TorchStateDict {
  /** float32 parameters by latentkit name in latentkit's layouts, for `ParamStore.loadRecord`. */
  record: Record<string, TensorRecord>;
  /** All `__metadata__` strings of the file. */
  metadata: Record<string, string>;
  /** The config used: `options.config`, else the file's. */
  config: ModelConfig | ResolvedModelConfig;
}

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** The layout of every latentkit parameter of a config, by latentkit name. */
function layoutsOf(config: ModelConfig | ResolvedModelConfig): Map<string, TorchParamLayout> {
  const out = new Map<string, TorchParamLayout>();
  for (const layer of torchLayerPlan(config)) {
    out.set(`${layer.name}.weight`, torchParamLayout(layer, 'weight'));
    out.set(`${layer.name}.bias`, torchParamLayout(layer, 'bias'));
  }
  return out;
}

/**
 * Loads a PyTorch state dict saved as safetensors (`safetensors.torch.save_file(
 * model.state_dict(), path)`) into a `createModel` model's parameters: renames through
 * `nameMap` and converts every layout — `nn.Linear` `[out, in]` → `[in, out]`; `nn.Conv2d`
 * `[out, in, kh, kw]` → `[kh, kw, in, out]`; `nn.ConvTranspose2d` `[in, out, kh, kw]` →
 * `[kh, kw, out, in]`; the rows of the dense layer after a `Flatten` (PyTorch's (c, h, w)
 * order → latentkit's (h, w, c)); the columns and bias of the decoder's dense layer before the
 * `Unflatten`; the output channels of a convolution before a `PixelShuffle` (see
 * {@link TorchLayer}). The PyTorch model must compute what latentkit computes (convolutions
 * padded as TensorFlow's `'same'`: for stride 2, kernel 3 that is `ZeroPad2d((0, 1, 0, 1))`
 * then padding 0 — PyTorch's symmetric `padding=1` gives other outputs; `kernel − stride = 2p`
 * matches `padding=p` exactly).
 *
 * @example
 * ```ts
 * const model = createModel(config);
 * const { record } = torchStateDictToRecord(bytes, {
 *   config, nameMap: torchNameMap(config, { convention: 'sequential' }),
 * });
 * model.store.loadRecord(record);
 * ```
 *
 * @param bytes - The safetensors file's contents.
 * @param options - See {@link TorchStateDictToRecordOptions}.
 * @returns The record in latentkit layouts, the metadata and the config.
 * @throws {@link InvalidArgumentError} naming the tensors for unmapped file tensors, map
 *   entries naming no parameter of the model, or parameters missing from the file (strict);
 *   for no config (neither given nor in the file), a VQ-VAE config, or a non-float tensor.
 * @throws {@link ShapeError} naming the PyTorch and latentkit names for a tensor whose shape is
 *   not the PyTorch shape the config implies.
 * @throws `SafetensorsError` for a corrupt file and `NonFiniteError` for a NaN or ±∞ weight, as
 *   `safetensorsToRecord`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function torchStateDictToRecord(
  bytes: Uint8Array | ArrayBuffer,
  options: TorchStateDictToRecordOptions = {},
): TorchStateDict {
  requireKnownOptions(options, ['config', 'nameMap', 'strict', 'maxHeaderBytes'], 'options');
  const strict = options.strict ?? true;
  const file = safetensorsToRecord(bytes, {
    strict: false,
    ...(options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes }),
  });
  const config = (options.config ?? file.config) as ModelConfig | undefined;
  if (config === undefined || config === null) {
    throw new InvalidArgumentError(
      'config',
      `is required: the file has no '${CONFIG_METADATA_KEY}' metadata`,
    );
  }
  const layouts = layoutsOf(config);
  const nameMap = options.nameMap ?? torchNameMap(config);
  const problems: string[] = [];
  const record: Record<string, TensorRecord> = {};
  for (const [torchName, tensor] of Object.entries(file.record)) {
    const target = mappedName(nameMap, torchName);
    if (target === undefined) {
      if (strict) problems.push(`file tensor '${torchName}' has no nameMap entry`);
      continue;
    }
    const layout = layouts.get(target);
    if (layout === undefined) {
      if (strict)
        problems.push(`'${torchName}' maps to '${target}', which the model does not have`);
      continue;
    }
    if (Object.hasOwn(record, target)) {
      throw new InvalidArgumentError('nameMap', `two file tensors map to '${target}'`);
    }
    const want = layout.torchShape;
    if (want.length !== tensor.shape.length || want.some((d, i) => d !== tensor.shape[i])) {
      throw new ShapeError(
        `${torchName} (latentkit ${target}): file has shape ${fmt(tensor.shape)}, the model needs ${fmt(want)} in PyTorch's layout (${fmt(layout.latentkitShape)} in latentkit's)`,
        want,
        tensor.shape,
      );
    }
    const data = new Float32Array(layout.source.length);
    for (let i = 0; i < data.length; i++) data[i] = tensor.data[layout.source[i]!]!;
    setOwn(record, target, { shape: layout.latentkitShape, dtype: 'float32', data });
  }
  if (strict) {
    const missing = [...layouts.keys()].filter((k) => !Object.hasOwn(record, k));
    if (missing.length > 0) {
      const sources = new Map(Object.entries(nameMap).map(([k, v]) => [v, k]));
      problems.push(
        `parameters missing from the file: ${missing.map((m) => (sources.has(m) ? `${m} (as '${sources.get(m)}')` : m)).join(', ')}`,
      );
    }
  }
  if (problems.length > 0) throw new InvalidArgumentError('state dict', problems.join('; '));
  return { record, metadata: file.metadata, config };
}
