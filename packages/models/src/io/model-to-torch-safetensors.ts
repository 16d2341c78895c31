import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import type { ParamStore, TensorRecord } from '@latentkit/tensor';
import type { ModelConfig, ResolvedModelConfig } from '../model/model-config.js';
import { encodeSafetensors } from './encode-safetensors.js';
import { mappedName } from './mapped-name.js';
import { CONFIG_METADATA_KEY } from './model-config-key.js';
import { setOwn } from './parse-safetensors-header.js';
import type { SafetensorsTensor } from './safetensors-dtype.js';
import { torchLayerPlan } from './torch-layer-plan.js';
import { torchParamLayout } from './torch-param-layout.js';

/** Options of {@link modelToTorchSafetensors}. */
export interface ModelToTorchSafetensorsOptions {
  /**
   * latentkit name → name in the file, e.g. `invertNameMap(torchNameMap(config, { convention:
   * 'sequential' }))`. Default: latentkit's names, which `latentkit_torch.load_latentkit` reads.
   */
  nameMap?: Readonly<Record<string, string>>;
  /** More `__metadata__` strings (not the key {@link CONFIG_METADATA_KEY}). */
  metadata?: Record<string, string>;
}

/** What {@link modelToTorchSafetensors} reads: a `Model`, or its config and parameters. */
export interface TorchExportSource {
  /** The model's config (`model.config`). */
  readonly config: ModelConfig | ResolvedModelConfig;
  /** The parameters: a `ParamStore` (`model.store`) or a record as `toRecord()` returns. */
  readonly store: ParamStore | Record<string, TensorRecord>;
}

/**
 * Saves a model as a safetensors file in PyTorch's layouts (the inverse of
 * {@link torchStateDictToRecord}: dense weights `[out, in]`, convolutions `[out, in, kh, kw]`,
 * transposed convolutions `[in, out, kh, kw]`, flatten/unflatten and pixel-shuffle orders of
 * PyTorch), under latentkit's names unless `nameMap` renames them, with the config as JSON in
 * `__metadata__[`{@link CONFIG_METADATA_KEY}`]` and `format: 'pt'`. `latentkit_torch`
 * (tools/python in the repository) loads it with `load_latentkit(path)` into an equivalent
 * `torch.nn.Module` (`load_state_dict(strict=True)`).
 *
 * @param model - A `Model` (`createModel`'s result) or `{ config, store }`.
 * @param options - See {@link ModelToTorchSafetensorsOptions}.
 * @returns The file's bytes (every tensor `F32`, values copied exactly).
 * @throws {@link InvalidArgumentError} naming the parameter when the store lacks one the config
 *   implies or has one it does not; for a VQ-VAE; a reserved metadata key; two parameters
 *   mapped to one name.
 * @throws {@link ShapeError} naming the parameter when its shape is not the config's.
 * @throws {@link UnknownOptionError} for an unknown option key.
 * @example
 * ```ts
 * import { createModel, modelToTorchSafetensors } from '@latentkit/models';
 *
 * const model = createModel({
 *   kind: 'vae',
 *   inputShape: [784],
 *   latentDim: 20,
 *   encoder: { type: 'mlp', hidden: [400] },
 * });
 * // Uint8Array: nn.Linear weights as [out, in], the config in __metadata__
 * const bytes = modelToTorchSafetensors(model);
 * // in Python: latentkit_torch.load_latentkit('vae.safetensors') → a torch.nn.Module
 * model.dispose();
 * ```
 */
export function modelToTorchSafetensors(
  model: TorchExportSource,
  options: ModelToTorchSafetensorsOptions = {},
): Uint8Array {
  requireKnownOptions(options, ['nameMap', 'metadata'], 'options');
  const { store } = model;
  const record: Record<string, TensorRecord> =
    typeof (store as ParamStore).toRecord === 'function'
      ? (store as ParamStore).toRecord()
      : (store as Record<string, TensorRecord>);
  const tensors: Record<string, SafetensorsTensor> = {};
  const expected = new Set<string>();
  for (const layer of torchLayerPlan(model.config)) {
    for (const param of ['weight', 'bias'] as const) {
      const name = `${layer.name}.${param}`;
      expected.add(name);
      const rec = record[name];
      if (!Object.hasOwn(record, name) || rec === undefined) {
        throw new InvalidArgumentError('model', `has no parameter '${name}'`);
      }
      const layout = torchParamLayout(layer, param);
      const want = layout.latentkitShape;
      if (want.length !== rec.shape.length || want.some((d, i) => d !== rec.shape[i])) {
        throw new ShapeError(
          `${name}: shape [${rec.shape.join(', ')}], the config implies [${want.join(', ')}]`,
          want,
          rec.shape,
        );
      }
      if (!(rec.data instanceof Float32Array)) {
        throw new InvalidArgumentError(name, 'must be a float32 record');
      }
      const data = new Float32Array(layout.source.length);
      for (let i = 0; i < data.length; i++) data[layout.source[i]!] = rec.data[i]!;
      const target = mappedName(options.nameMap, name) ?? name;
      if (Object.hasOwn(tensors, target)) {
        throw new InvalidArgumentError('nameMap', `two parameters would be saved as '${target}'`);
      }
      setOwn(tensors, target, { dtype: 'F32', shape: layout.torchShape, data });
    }
  }
  const extra = Object.keys(record).filter((k) => !expected.has(k));
  if (extra.length > 0) {
    throw new InvalidArgumentError(
      'model',
      `has parameters the config does not imply: ${extra.join(', ')}`,
    );
  }
  const metadata: Record<string, string> = { format: 'pt', ...options.metadata };
  if (Object.hasOwn(metadata, CONFIG_METADATA_KEY)) {
    throw new InvalidArgumentError('metadata', `key '${CONFIG_METADATA_KEY}' is reserved`);
  }
  metadata[CONFIG_METADATA_KEY] = JSON.stringify(model.config);
  return encodeSafetensors(tensors, metadata);
}
