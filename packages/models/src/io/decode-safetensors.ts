import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { halfBitsToFloat32 } from './half-precision.js';
import {
  DEFAULT_MAX_HEADER_BYTES,
  type HeaderEntry,
  parseSafetensorsHeader,
  setOwn,
} from './parse-safetensors-header.js';
import {
  DTYPE_INFO,
  HOST_LITTLE_ENDIAN,
  type SafetensorsData,
  type SafetensorsTensor,
  swapBytes,
} from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';

/** Options of {@link decodeSafetensors}. */
export interface DecodeSafetensorsOptions {
  /**
   * Largest accepted JSON header, in bytes. Default 100 000 000 (the safetensors reference
   * reader's limit). A larger declared length is refused before anything is read or allocated.
   */
  maxHeaderBytes?: number;
  /**
   * How `F16` and `BF16` tensors are returned: `'float32'` (default) converts them exactly to a
   * Float32Array; `'raw'` returns their bit patterns as a Uint16Array. Both re-encode to the
   * same bytes.
   */
  halfPrecision?: 'float32' | 'raw';
}

/** A decoded safetensors file. */
export interface DecodedSafetensors {
  /** The tensors by name, in header order (but see JavaScript's ordering of integer-like keys). */
  tensors: Record<string, SafetensorsTensor>;
  /** The `__metadata__` strings (empty when the file has none). */
  metadata: Record<string, string>;
}

function checkOptions(options: DecodeSafetensorsOptions): Required<DecodeSafetensorsOptions> {
  requireKnownOptions(options, ['maxHeaderBytes', 'halfPrecision']);
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  if (!Number.isSafeInteger(maxHeaderBytes) || maxHeaderBytes < 2) {
    throw new InvalidArgumentError(
      'maxHeaderBytes',
      `must be an integer ≥ 2, got ${maxHeaderBytes}`,
    );
  }
  const halfPrecision = options.halfPrecision ?? 'float32';
  if (halfPrecision !== 'float32' && halfPrecision !== 'raw') {
    throw new InvalidArgumentError(
      'halfPrecision',
      `must be 'float32' or 'raw', got ${String(halfPrecision)}`,
    );
  }
  return { maxHeaderBytes, halfPrecision };
}

function readTensor(
  bytes: Uint8Array,
  dataStart: number,
  entry: HeaderEntry,
  halfPrecision: 'float32' | 'raw',
): SafetensorsData {
  const { size, ctor } = DTYPE_INFO[entry.dtype];
  const byteLength = entry.end - entry.begin; // validated: ≤ the file's size
  // Always copy into a fresh (hence aligned) array: offsets in a file need not be aligned, and the
  // result must not alias the caller's buffer.
  const data = new ctor(byteLength / size);
  const out = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  out.set(bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
  if (!HOST_LITTLE_ENDIAN) swapBytes(out, size);
  if (entry.dtype === 'BOOL') {
    const bad = out.findIndex((b) => b > 1);
    if (bad >= 0) {
      throw new SafetensorsError(`BOOL element ${bad} is ${out[bad]}, not 0 or 1`, entry.name);
    }
  }
  if ((entry.dtype === 'F16' || entry.dtype === 'BF16') && halfPrecision === 'float32') {
    return halfBitsToFloat32(data as Uint16Array, entry.dtype);
  }
  return data;
}

/**
 * Decodes a safetensors file: an 8-byte little-endian unsigned header length `N`, `N` bytes of
 * UTF-8 JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { … } }`
 * (offsets relative to the first byte after the header; the header may end with spaces), then
 * the raw little-endian values. Pure and browser-safe.
 *
 * Everything is validated before any tensor is allocated: the header length (≤ `maxHeaderBytes`
 * and ≤ the file), UTF-8 and JSON syntax, no repeated keys, known dtypes, shapes of non-negative
 * integers, each tensor's byte size = product(shape) · item size, offsets inside the data region,
 * and the tensors covering the data region exactly — no holes, overlaps or trailing bytes, as the
 * reference implementation requires. Unknown fields in a tensor entry are refused too. Every
 * allocation is bounded by the input's size.
 *
 * Tensors are copied into fresh typed arrays (so unaligned offsets are fine and the result does
 * not alias `bytes`). Element types: see {@link SafetensorsData}; `F16`/`BF16` become exact
 * Float32Array values unless `halfPrecision: 'raw'`. `BOOL` bytes must be 0 or 1. Assumes nothing
 * about the host's byte order (big-endian hosts byte-swap).
 *
 * @param bytes - The file's contents.
 * @param options - See {@link DecodeSafetensorsOptions}.
 * @returns The tensors (header order) and the metadata strings.
 * @throws {@link SafetensorsError} (code `'CORRUPT_FILE'`) naming the problem and the tensor.
 * @throws {@link InvalidArgumentError} / `UnknownOptionError` for bad options.
 *
 * @example
 * ```ts
 * import { decodeSafetensors } from '@latentkit/models';
 *
 * const bytes = new Uint8Array(await (await fetch('/models/vae.safetensors')).arrayBuffer());
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * tensors['encoder.fc1.weight']; // → { dtype: 'F32', shape: [784, 400], data: Float32Array }
 * ```
 */
export function decodeSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeSafetensorsOptions = {},
): DecodedSafetensors {
  const { maxHeaderBytes, halfPrecision } = checkOptions(options);
  const input = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(input instanceof Uint8Array)) {
    throw new InvalidArgumentError('bytes', 'must be a Uint8Array or an ArrayBuffer');
  }
  const { entries, metadata, dataStart } = parseSafetensorsHeader(input, maxHeaderBytes);
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const entry of entries) {
    setOwn(tensors, entry.name, {
      dtype: entry.dtype,
      shape: entry.shape,
      data: readTensor(input, dataStart, entry, halfPrecision),
    });
  }
  return { tensors, metadata };
}
