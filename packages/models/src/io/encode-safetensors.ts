import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { float32ToHalfBits } from './half-precision.js';
import { METADATA_KEY } from './parse-safetensors-header.js';
import {
  DTYPE_INFO,
  isSafetensorsDtype,
  littleEndianBytes,
  SAFETENSORS_DTYPES,
  type SafetensorsData,
  type SafetensorsTensor,
} from './safetensors-dtype.js';

// A string with an unpaired UTF-16 surrogate cannot be written as UTF-8 without loss.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(what, `must be a string, got ${typeof value}`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new InvalidArgumentError(what, 'contains an unpaired UTF-16 surrogate (not valid UTF-8)');
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkShape(name: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError(`tensor '${name}': shape must be an array of non-negative integers`);
  }
  return shape as number[];
}

/** The bytes one tensor contributes, after checking its dtype, shape and data. */
function tensorBytes(name: string, tensor: SafetensorsTensor): Uint8Array {
  if (!isRecord(tensor)) {
    throw new InvalidArgumentError(name, 'must be an object { dtype, shape, data }');
  }
  const { dtype, data } = tensor;
  if (!isSafetensorsDtype(dtype)) {
    throw new InvalidArgumentError(
      name,
      `unknown dtype ${String(dtype)} (known: ${SAFETENSORS_DTYPES.join(', ')})`,
    );
  }
  const shape = checkShape(name, tensor.shape);
  const half = dtype === 'F16' || dtype === 'BF16';
  const ok = half
    ? data instanceof Float32Array || data instanceof Uint16Array
    : data instanceof DTYPE_INFO[dtype].ctor;
  if (!ok) {
    throw new InvalidArgumentError(name, `${dtype} data must be a ${DTYPE_INFO[dtype].name}`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new ShapeError(
      `tensor '${name}': shape [${shape.join(', ')}] needs ${count} values, data has ${data.length}`,
      shape,
      [data.length],
    );
  }
  if (dtype === 'BOOL' && (data as Uint8Array).some((b) => b > 1)) {
    throw new InvalidArgumentError(name, 'BOOL data must hold only 0 and 1');
  }
  if (half && data instanceof Float32Array)
    return littleEndianBytes(float32ToHalfBits(data, dtype));
  return littleEndianBytes(data as SafetensorsData);
}

function metadataJson(metadata: Record<string, string>): string | undefined {
  if (!isRecord(metadata))
    throw new InvalidArgumentError('metadata', 'must be an object of strings');
  const parts: string[] = [];
  for (const [k, v] of Object.entries(metadata)) {
    parts.push(
      `${JSON.stringify(checkString(k, 'metadata key'))}:${JSON.stringify(checkString(v, `metadata '${k}'`))}`,
    );
  }
  return parts.length === 0 ? undefined : `{${parts.join(',')}}`;
}

/**
 * Encodes tensors (and optional string metadata) as a safetensors file. Pure and browser-safe.
 *
 * Layout: 8-byte little-endian header length, the JSON header padded with spaces so the data
 * starts at a multiple of 8 bytes, then the values little-endian. The header lists
 * `__metadata__` (only if `metadata` has entries) and then the tensors in `tensors`' key order;
 * the data region holds the tensors sorted (stably) by decreasing item size, so every tensor is
 * aligned to its element size. The output is deterministic, and
 * `decodeSafetensors(encodeSafetensors(t, m))` gives back `t` and `m` bit for bit (NaN payloads
 * included); re-encoding a decoded file reproduces it byte for byte.
 *
 * Data types: see {@link SafetensorsData}. `F16`/`BF16` data may be a Uint16Array of bit
 * patterns or a Float32Array, rounded to nearest, ties to even (exact for values that came from
 * the format). Put model configuration into `metadata` as a JSON string (see
 * {@link paramsToSafetensors}).
 *
 * @param tensors - Tensors by name (any string except `'__metadata__'`).
 * @param metadata - String key/value pairs stored under `__metadata__`. Default none.
 * @returns The file's bytes.
 * @throws {@link InvalidArgumentError} for a bad name, unknown dtype, wrong data array type,
 *   non-0/1 BOOL data or non-string metadata.
 * @throws {@link ShapeError} when a shape is malformed or `data.length ≠ product(shape)`.
 *
 * @example
 * ```ts
 * import { decodeSafetensors, encodeSafetensors } from '@latentkit/models';
 *
 * const bytes = encodeSafetensors(
 *   { w: { dtype: 'F32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } },
 *   { note: 'demo' },
 * ); // Uint8Array: 8-byte header length, JSON header, then the raw data
 * decodeSafetensors(bytes).metadata; // → { note: 'demo' }
 * ```
 */
export function encodeSafetensors(
  tensors: Record<string, SafetensorsTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  if (!isRecord(tensors)) {
    throw new InvalidArgumentError('tensors', 'must be an object of { dtype, shape, data }');
  }
  const items = Object.keys(tensors).map((name) => {
    checkString(name, 'tensor name');
    if (name === METADATA_KEY) {
      throw new InvalidArgumentError('tensor name', `'${METADATA_KEY}' is reserved`);
    }
    const tensor = tensors[name]!;
    const bytes = tensorBytes(name, tensor);
    return { name, tensor, bytes, size: DTYPE_INFO[tensor.dtype].size, begin: 0 };
  });
  let offset = 0;
  for (const item of [...items].sort((a, b) => b.size - a.size)) {
    item.begin = offset;
    offset += item.bytes.length;
  }
  const parts: string[] = [];
  const meta = metadataJson(metadata);
  if (meta !== undefined) parts.push(`"${METADATA_KEY}":${meta}`);
  for (const { name, tensor, bytes, begin } of items) {
    const entry = `{"dtype":"${tensor.dtype}","shape":[${tensor.shape.join(',')}],"data_offsets":[${begin},${begin + bytes.length}]}`;
    parts.push(`${JSON.stringify(name)}:${entry}`);
  }
  let header = new TextEncoder().encode(`{${parts.join(',')}}`);
  const padded = Math.ceil((8 + header.length) / 8) * 8 - 8;
  if (padded !== header.length) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(header);
    header = withSpaces;
  }
  const out = new Uint8Array(8 + header.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.length % 2 ** 32, true);
  view.setUint32(4, Math.floor(header.length / 2 ** 32), true);
  out.set(header, 8);
  const dataStart = 8 + header.length;
  for (const { bytes, begin } of items) out.set(bytes, dataStart + begin);
  return out;
}
