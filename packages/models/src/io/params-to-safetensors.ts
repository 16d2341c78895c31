import {
  InvalidArgumentError,
  type ParamStore,
  requireKnownOptions,
  ShapeError,
  type TensorRecord,
} from '@latentkit/tensor';
import { encodeSafetensors } from './encode-safetensors.js';
import { mappedName } from './mapped-name.js';
import { CONFIG_METADATA_KEY } from './model-config-key.js';
import { setOwn } from './parse-safetensors-header.js';
import type { SafetensorsTensor } from './safetensors-dtype.js';
import { transposeMatrix } from './transpose-matrix.js';

/** Options of {@link paramsToSafetensors}. */
export interface ParamsToSafetensorsOptions {
  /** More `__metadata__` strings (must not use the key {@link CONFIG_METADATA_KEY}). */
  metadata?: Record<string, string>;
  /**
   * latentkit name → name in the file, e.g. `invertNameMap(torchVaeNameMap)` to write a file
   * PyTorch's pytorch/examples VAE can load. Parameters not in the map keep their names.
   */
  nameMap?: Readonly<Record<string, string>>;
  /** latentkit names of 2-D parameters to write transposed (e.g. dense weights for torch). */
  transpose?: readonly string[];
}

function isParamStore(value: unknown): value is ParamStore {
  return typeof (value as ParamStore | undefined)?.toRecord === 'function';
}

function configJson(config: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(config);
  } catch (error) {
    throw new InvalidArgumentError(
      'config',
      `is not JSON-serializable (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (text === undefined) throw new InvalidArgumentError('config', 'is not JSON-serializable');
  return text;
}

/**
 * Saves a model's parameters as a safetensors file: every parameter as an `F32` tensor under its
 * full name (`encoder.fc1.weight`, …, in the store's creation order), and the model
 * configuration as a JSON string in `__metadata__[`{@link CONFIG_METADATA_KEY}`]`. Values are
 * written bit for bit; {@link safetensorsToRecord} reads them back exactly.
 *
 * @param source - A {@link ParamStore} (read with `toRecord()`, a synchronous download) or a
 *   record of float32 tensors as `ParamStore.toRecord()` returns.
 * @param config - The model configuration; any JSON-serializable value. Omitted if `undefined`.
 * @param options - See {@link ParamsToSafetensorsOptions}.
 * @returns The file's bytes (pure; write them with `saveSafetensorsFile` in Node).
 * @throws {@link InvalidArgumentError} for non-float32 records, a config that cannot be
 *   serialized, a metadata key clash, a `nameMap` entry that is not a string, or two parameters
 *   mapped to one name.
 * @throws {@link ShapeError} if a record's data length does not match its shape, or a
 *   transposed parameter is not 2-D.
 *
 * @example
 * ```ts
 * import { paramsToSafetensors } from '@latentkit/models';
 *
 * const bytes = paramsToSafetensors(model.store, model.config); // every parameter as F32, config in the metadata
 * // loads in Python: safetensors.torch.load_file('vae.safetensors')
 * ```
 */
export function paramsToSafetensors(
  source: ParamStore | Record<string, TensorRecord>,
  config?: unknown,
  options: ParamsToSafetensorsOptions = {},
): Uint8Array {
  requireKnownOptions(options, ['metadata', 'nameMap', 'transpose']);
  const record = isParamStore(source) ? source.toRecord() : source;
  const nameMap = options.nameMap ?? {};
  const transpose = new Set(options.transpose ?? []);
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const [name, rec] of Object.entries(record)) {
    if (rec?.dtype !== 'float32' || !(rec.data instanceof Float32Array)) {
      throw new InvalidArgumentError(name, 'parameter records must be float32 with a Float32Array');
    }
    const target = mappedName(nameMap, name) ?? name;
    if (Object.hasOwn(tensors, target)) {
      throw new InvalidArgumentError('nameMap', `two parameters would be saved as '${target}'`);
    }
    let { shape, data } = rec;
    if (transpose.has(name)) {
      if (shape.length !== 2 || data.length !== shape[0]! * shape[1]!) {
        throw new ShapeError(
          `${name}: only 2-D parameters can be transposed, got shape [${shape.join(', ')}]`,
          [null, null],
          shape,
        );
      }
      data = transposeMatrix(data, shape[0]!, shape[1]!);
      shape = [shape[1]!, shape[0]!];
    }
    setOwn(tensors, target, { dtype: 'F32', shape: [...shape], data });
  }
  const metadata: Record<string, string> = { ...options.metadata };
  if (config !== undefined) {
    if (Object.hasOwn(metadata, CONFIG_METADATA_KEY)) {
      throw new InvalidArgumentError(
        'metadata',
        `key '${CONFIG_METADATA_KEY}' is reserved for the model configuration`,
      );
    }
    metadata[CONFIG_METADATA_KEY] = configJson(config);
  }
  return encodeSafetensors(tensors, metadata);
}
