import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, type GunzipOptions, isGzip } from '../idx/gunzip.js';
import type { IdxArray } from '../idx/idx-dtype.js';
import { parseIdx, toBytes } from '../idx/parse-idx.js';
import { checkInteger } from '../internal/check-options.js';

/**
 * Parses IDX bytes that may be gzip-compressed, synchronously, decompressing with `node:zlib`
 * (Node only; the browser-safe equivalent is the async `decodeIdx`).
 *
 * @param bytes - File contents, compressed (`.gz`, detected by magic number) or not.
 * @param options - `maxBytes`: cap on the decompressed size (default 1 GiB).
 * @throws {@link IdxFormatError} for corrupt gzip or IDX data (see `parseIdx`).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { decodeIdxSync } from '@latentkit/datasets/node';
 *
 * const labels = decodeIdxSync(readFileSync('data/t10k-labels-idx1-ubyte.gz'));
 * // → { dtype: 'uint8', dims: [10000], data: Uint8Array(10000) }
 * ```
 */
export function decodeIdxSync(
  bytes: Uint8Array | ArrayBuffer,
  options: GunzipOptions = {},
): IdxArray {
  requireKnownOptions(options, ['maxBytes'], 'decodeIdxSync');
  const maxBytes = checkInteger(
    options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    'maxBytes',
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const input = toBytes(bytes);
  if (!isGzip(input)) return parseIdx(input);
  let raw: Buffer;
  try {
    raw = gunzipSync(input, { maxOutputLength: Math.min(maxBytes, 2 ** 32) });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new IdxFormatError(
      'gzip',
      tooLarge
        ? `decompressed size exceeds maxBytes = ${maxBytes}`
        : `corrupt or truncated gzip stream (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (raw.length > maxBytes) {
    throw new IdxFormatError('gzip', `decompressed size exceeds maxBytes = ${maxBytes}`);
  }
  return parseIdx(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

/**
 * Reads and parses an IDX file (plain or `.gz`) asynchronously.
 *
 * @param path - File path.
 * @param options - `maxBytes`: cap on the decompressed size (default 1 GiB).
 * @throws {@link DatasetUnavailableError} if the file cannot be read.
 * @throws {@link IdxFormatError} for corrupt contents.
 *
 * @example
 * ```ts
 * import { readIdxFile } from '@latentkit/datasets/node';
 *
 * const images = await readIdxFile('data/t10k-images-idx3-ubyte.gz');
 * // → { dtype: 'uint8', dims: [10000, 28, 28], data: Uint8Array(7840000) }
 * ```
 */
export async function readIdxFile(path: string, options: GunzipOptions = {}): Promise<IdxArray> {
  checkPath(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DatasetUnavailableError(`cannot read IDX file ${path}`, error);
  }
  return decodeIdxSync(bytes, options);
}

/**
 * Reads and parses an IDX file (plain or `.gz`) synchronously.
 *
 * @param path - File path.
 * @param options - `maxBytes`: cap on the decompressed size (default 1 GiB).
 * @throws {@link DatasetUnavailableError} if the file cannot be read.
 * @throws {@link IdxFormatError} for corrupt contents.
 *
 * @example
 * ```ts
 * import { readIdxFileSync } from '@latentkit/datasets/node';
 *
 * const images = readIdxFileSync('data/t10k-images-idx3-ubyte'); // plain or .gz
 * images.dims; // → [10000, 28, 28]
 * ```
 */
export function readIdxFileSync(path: string, options: GunzipOptions = {}): IdxArray {
  checkPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DatasetUnavailableError(`cannot read IDX file ${path}`, error);
  }
  return decodeIdxSync(bytes, options);
}

function checkPath(path: unknown): void {
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError('path', 'must be a non-empty string');
  }
}
