import { InvalidArgumentError } from '@latentkit/core';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { dtypeFromCode, HOST_LITTLE_ENDIAN, IDX_DTYPES, type IdxArray } from './idx-dtype.js';

/** Largest dimension size accepted: 2³¹ − 1 (the reference readers use signed 32-bit ints). */
const MAX_DIM = 0x7fffffff;

/** @internal Header facts of a validated IDX buffer. */
export interface IdxHeader {
  dtype: IdxArray['dtype'];
  dims: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
  /** Number of elements. */
  count: number;
}

/** @internal True if `bytes` starts with the gzip magic number 0x1f 0x8b. */
export function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * @internal Validates the IDX header and the total length without allocating anything for the
 * data. Throws {@link IdxFormatError} naming the first failed check.
 */
export function readIdxHeader(bytes: Uint8Array): IdxHeader {
  if (looksGzipped(bytes)) {
    throw new IdxFormatError(
      'gzip',
      'the buffer is gzip-compressed; use decodeIdx() (async) or readIdxFile() from @latentkit/datasets/node',
    );
  }
  if (bytes.length < 4) {
    throw new IdxFormatError(
      'truncated-header',
      `need at least 4 bytes for the magic number, got ${bytes.length}`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(
      'bad-magic',
      `the first two bytes must be 0x00 0x00, got 0x${hex(bytes[0]!)} 0x${hex(bytes[1]!)}`,
    );
  }
  const code = bytes[2]!;
  const dtype = dtypeFromCode(code);
  if (dtype === undefined) {
    throw new IdxFormatError(
      'unknown-dtype',
      `type code 0x${hex(code)} is not one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e`,
    );
  }
  const ndims = bytes[3]!;
  if (ndims === 0) throw new IdxFormatError('zero-dims', 'the number of dimensions is 0');
  const dataOffset = 4 + 4 * ndims;
  if (bytes.length < dataOffset) {
    throw new IdxFormatError(
      'truncated-header',
      `${ndims} dimensions need a ${dataOffset}-byte header, got ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let k = 0; k < ndims; k++) {
    const d = view.getUint32(4 + 4 * k, false);
    if (d === 0) throw new IdxFormatError('zero-dims', `dimension ${k} has size 0`);
    if (d > MAX_DIM) {
      throw new IdxFormatError(
        'dim-too-large',
        `dimension ${k} has size ${d} (negative as a signed 32-bit integer)`,
      );
    }
    count *= d;
    if (count > Number.MAX_SAFE_INTEGER) {
      throw new IdxFormatError(
        'product-overflow',
        `the product of the first ${k + 1} dimensions exceeds 2^53 - 1 elements`,
      );
    }
    dims.push(d);
  }
  const expected = dataOffset + count * IDX_DTYPES[dtype].size;
  if (bytes.length < expected) {
    throw new IdxFormatError(
      'size-mismatch',
      `expected ${expected} bytes for dims [${dims.join(', ')}] of ${dtype}, got ${bytes.length}`,
    );
  }
  if (bytes.length > expected) {
    throw new IdxFormatError(
      'trailing-bytes',
      `expected ${expected} bytes for dims [${dims.join(', ')}] of ${dtype}, got ${bytes.length} (${bytes.length - expected} trailing)`,
    );
  }
  return { dtype, dims, dataOffset, count };
}

/**
 * Parses an uncompressed IDX buffer (the MNIST / Fashion-MNIST file format: two zero bytes, a
 * type code, the number of dimensions, the big-endian 32-bit dimension sizes, then the big-endian
 * elements). Pure: no I/O, works in browsers and Node. The whole header and the exact total length
 * are validated before anything is allocated, so a corrupt header claiming a huge size never
 * allocates. The result owns a fresh copy of the data (it never aliases `bytes`).
 *
 * For gzip-compressed input use {@link decodeIdx} (async, browser-safe) or `readIdxFile` /
 * `decodeIdxSync` from `@latentkit/datasets/node`.
 *
 * @param bytes - The whole file, uncompressed.
 * @returns The dtype, the dimensions and the elements in native byte order.
 * @throws {@link IdxFormatError} for a bad magic number, unknown type code, truncated header, zero
 *   or too-large dimensions, element-count overflow, a data section of the wrong length (too short
 *   or trailing bytes), or gzip input.
 * @throws {@link InvalidArgumentError} if `bytes` is not a `Uint8Array` or `ArrayBuffer`.
 *
 * @example
 * ```ts
 * import { parseIdx } from '@latentkit/datasets';
 *
 * const { dtype, dims, data } = parseIdx(bytes); // e.g. 'uint8', [10000, 28, 28], Uint8Array
 * ```
 */
export function parseIdx(bytes: Uint8Array | ArrayBuffer): IdxArray {
  const input = toBytes(bytes);
  const { dtype, dims, dataOffset, count } = readIdxHeader(input);
  const { size, ctor } = IDX_DTYPES[dtype];
  const data = new ctor(count);
  const out = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const src = input.subarray(dataOffset, dataOffset + count * size);
  if (size === 1 || !HOST_LITTLE_ENDIAN) {
    out.set(src);
  } else {
    // Byte-swap instead of DataView.getFloat32/setFloat32 so that every bit pattern (including
    // NaN payloads) is preserved exactly and the round trip through encodeIdx is lossless.
    for (let i = 0; i < src.length; i += size) {
      for (let b = 0; b < size; b++) out[i + b] = src[i + size - 1 - b]!;
    }
  }
  return { dtype, dims, data } as IdxArray;
}

/** @internal Accepts a Uint8Array (any subclass, e.g. Buffer) or an ArrayBuffer. */
export function toBytes(bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new InvalidArgumentError('bytes', 'must be a Uint8Array or an ArrayBuffer');
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
