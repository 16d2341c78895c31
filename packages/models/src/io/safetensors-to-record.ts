import { jsonNestingExceeds } from '@latentkit/core';
import {
  InvalidArgumentError,
  NonFiniteError,
  type ParamStore,
  requireKnownOptions,
  ShapeError,
  type TensorRecord,
} from '@latentkit/tensor';
import { decodeSafetensors } from './decode-safetensors.js';
import { MAX_METADATA_JSON_DEPTH } from './json-nesting.js';
import { mappedName } from './mapped-name.js';
import { CONFIG_METADATA_KEY } from './model-config-key.js';
import { METADATA_KEY, setOwn } from './parse-safetensors-header.js';
import type { SafetensorsTensor } from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';
import { transposeMatrix } from './transpose-matrix.js';

/** Options of {@link safetensorsToRecord}. */
export interface SafetensorsToRecordOptions {
  /**
   * Name in the file → latentkit parameter name (e.g. {@link torchVaeNameMap}). Default: names
   * are kept. In strict mode every tensor of the file must be in the map and every map entry in
   * the file.
   */
  nameMap?: Readonly<Record<string, string>>;
  /**
   * Names **in the file** of 2-D tensors to transpose (e.g. {@link torchVaeTransposed}: torch
   * Linear weights are `[out, in]`, latentkit dense weights `[in, out]`).
   */
  transpose?: readonly string[];
  /**
   * The shapes the model expects, by latentkit name — a record, or a {@link ParamStore} whose
   * parameters' shapes are used. Checked after renaming and transposing.
   */
  expectedShapes?: Readonly<Record<string, readonly number[]>> | ParamStore;
  /**
   * When `true` (default), unmapped file tensors, map or `transpose` entries absent from the
   * file, parameters missing from the file and file tensors the model does not expect are all
   * errors. When `false` they are skipped (shapes are still checked for what is loaded).
   */
  strict?: boolean;
  /** Passed to {@link decodeSafetensors}. Default 100 000 000. */
  maxHeaderBytes?: number;
  /**
   * Accept NaN and ±∞ in the weights. Default `false`: a non-finite value is a `NonFiniteError`
   * naming the tensor and the index, since a model with one would give NaN for every figure.
   * Set it only to inspect a broken file.
   */
  allowNonFinite?: boolean;
}

/** What {@link safetensorsToRecord} returns. */
export interface SafetensorsModel {
  /** float32 parameters by latentkit name, ready for `ParamStore.loadRecord`. */
  record: Record<string, TensorRecord>;
  /** All `__metadata__` strings of the file. */
  metadata: Record<string, string>;
  /** The parsed `__metadata__.config` JSON, or `undefined` if the file has none. */
  config: unknown;
}

const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

function toFloat32(name: string, tensor: SafetensorsTensor): Float32Array {
  const { dtype, data } = tensor;
  if (dtype === 'F32' || dtype === 'F16' || dtype === 'BF16') return data as Float32Array; // exact
  if (dtype === 'F64') return Float32Array.from(data as Float64Array); // rounded to nearest
  throw new InvalidArgumentError(name, `dtype ${dtype} cannot be loaded as a float32 parameter`);
}

function shapesOf(
  expected: SafetensorsToRecordOptions['expectedShapes'],
): Readonly<Record<string, readonly number[]>> | undefined {
  if (expected === undefined) return undefined;
  if (typeof (expected as ParamStore).variables !== 'function') {
    if (expected === null || typeof expected !== 'object') {
      throw new InvalidArgumentError('expectedShapes', 'must be a ParamStore or shapes by name');
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!Array.isArray(v))
        throw new InvalidArgumentError(`expectedShapes['${k}']`, 'must be a shape array');
    }
    return expected as Readonly<Record<string, readonly number[]>>;
  }
  const out: Record<string, readonly number[]> = {};
  for (const [k, v] of Object.entries((expected as ParamStore).variables())) out[k] = v.shape;
  return out;
}

function fail(parts: string[]): void {
  if (parts.length > 0) throw new InvalidArgumentError('safetensors', parts.join('; '));
}

function parseConfig(metadata: Record<string, string>): unknown {
  const text = metadata[CONFIG_METADATA_KEY];
  if (!Object.hasOwn(metadata, CONFIG_METADATA_KEY) || text === undefined) return undefined;
  const deep = jsonNestingExceeds(text, MAX_METADATA_JSON_DEPTH);
  if (deep >= 0) {
    throw new SafetensorsError(
      `'${CONFIG_METADATA_KEY}' nests deeper than ${MAX_METADATA_JSON_DEPTH} levels (at character ${deep})`,
      METADATA_KEY,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SafetensorsError(`'${CONFIG_METADATA_KEY}' is not valid JSON`, METADATA_KEY);
  }
}

/**
 * Loads a safetensors file as float32 parameter records for `ParamStore.loadRecord`, renaming
 * (`nameMap`), transposing (`transpose`) and checking shapes against the model
 * (`expectedShapes`). `F32`, `F16` and `BF16` tensors load exactly; `F64` is rounded to float32;
 * integer and boolean tensors are refused.
 *
 * @example
 * ```ts
 * import { safetensorsToRecord, torchVaeNameMap, torchVaeTransposed } from '@latentkit/models';
 *
 * const { record } = safetensorsToRecord(bytes, {
 *   nameMap: torchVaeNameMap, transpose: torchVaeTransposed, expectedShapes: model.store,
 * });
 * model.store.loadRecord(record);
 * ```
 *
 * @param bytes - The file's contents.
 * @param options - See {@link SafetensorsToRecordOptions}.
 * @returns The records (file order), the metadata and the parsed configuration.
 * @throws {@link SafetensorsError} for a corrupt file or a `config` entry that is not JSON or
 *   nests deeper than 32 levels.
 * @throws {@link ShapeError} naming the parameter when a shape differs from `expectedShapes`,
 *   or a tensor listed in `transpose` is not 2-D.
 * @throws {@link InvalidArgumentError} (strict mode) naming unmapped, missing or unexpected
 *   tensors; for a non-float dtype, a `nameMap` entry that is not a string, or two file tensors
 *   mapped to one name.
 * @throws {@link NonFiniteError} naming the tensor and index of a NaN or ±∞ weight (unless
 *   `allowNonFinite`).
 */
export function safetensorsToRecord(
  bytes: Uint8Array | ArrayBuffer,
  options: SafetensorsToRecordOptions = {},
): SafetensorsModel {
  requireKnownOptions(options, [
    'nameMap',
    'transpose',
    'expectedShapes',
    'strict',
    'maxHeaderBytes',
    'allowNonFinite',
  ]);
  const strict = options.strict ?? true;
  const { nameMap } = options;
  if (options.transpose !== undefined && !Array.isArray(options.transpose)) {
    throw new InvalidArgumentError('transpose', 'must be an array of tensor names');
  }
  const transpose = new Set(options.transpose ?? []);
  const expected = shapesOf(options.expectedShapes);
  const decodeOptions =
    options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes };
  const { tensors, metadata } = decodeSafetensors(bytes, decodeOptions);
  const names = Object.keys(tensors);
  if (strict) {
    const inFile = new Set(names);
    const unmapped = nameMap ? names.filter((n) => !Object.hasOwn(nameMap, n)) : [];
    const absent = [...Object.keys(nameMap ?? {}), ...transpose].filter((n) => !inFile.has(n));
    fail([
      ...(unmapped.length > 0
        ? [`file tensors without a nameMap entry: ${unmapped.join(', ')}`]
        : []),
      ...(absent.length > 0 ? [`not in the file: ${[...new Set(absent)].join(', ')}`] : []),
    ]);
  }
  const record: Record<string, TensorRecord> = {};
  for (const source of names) {
    const target = nameMap ? mappedName(nameMap, source) : source;
    if (target === undefined) continue; // non-strict: no nameMap entry
    if (Object.hasOwn(record, target)) {
      throw new InvalidArgumentError('nameMap', `two file tensors map to '${target}'`);
    }
    const tensor = tensors[source]!;
    let data = toFloat32(target, tensor);
    if (options.allowNonFinite !== true) {
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i] as number)) {
          throw new NonFiniteError(
            `safetensors tensor '${source}'`,
            `value ${data[i]} at index ${i}`,
          );
        }
      }
    }
    let shape = tensor.shape;
    let origin = '';
    if (transpose.has(source)) {
      if (shape.length !== 2) {
        throw new ShapeError(
          `${target}: '${source}' has shape ${fmt(shape)}; only 2-D tensors can be transposed`,
          [null, null],
          shape,
        );
      }
      data = transposeMatrix(data, shape[0]!, shape[1]!);
      shape = [shape[1]!, shape[0]!];
      origin = ` (transposed from '${source}' ${fmt(tensor.shape)})`;
    }
    const want = expected?.[target];
    if (expected && (want === undefined || !Object.hasOwn(expected, target))) {
      if (strict)
        throw new InvalidArgumentError('safetensors', `the model has no parameter '${target}'`);
      continue;
    }
    if (want && (want.length !== shape.length || want.some((d, i) => d !== shape[i]))) {
      throw new ShapeError(
        `${target}: file has shape ${fmt(shape)}${origin}, the model expects ${fmt(want)}`,
        want,
        shape,
      );
    }
    setOwn(record, target, { shape, dtype: 'float32', data });
  }
  if (strict && expected) {
    const missing = Object.keys(expected).filter((k) => !Object.hasOwn(record, k));
    fail(missing.length > 0 ? [`parameters missing from the file: ${missing.join(', ')}`] : []);
  }
  return { record, metadata, config: parseConfig(metadata) };
}
