import { requireKnownOptions } from '@latentkit/core';
import { type GunzipOptions, gunzip, isGzip } from './gunzip.js';
import type { IdxArray } from './idx-dtype.js';
import { parseIdx, toBytes } from './parse-idx.js';

/**
 * Parses an IDX file that may be gzip-compressed (`.gz`, detected by its magic number), without
 * Node built-ins: gzip goes through `DecompressionStream`. Uncompressed input is parsed as by
 * {@link parseIdx}.
 *
 * @param bytes - The file contents, compressed or not.
 * @param options - `maxBytes`: cap on the decompressed size (default 1 GiB).
 * @returns The decoded array.
 * @throws {@link IdxFormatError} for corrupt gzip or IDX data (see {@link parseIdx}).
 * @throws {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { decodeIdx } from '@latentkit/datasets';
 *
 * const bytes = await (await fetch('/data/t10k-labels-idx1-ubyte.gz')).arrayBuffer();
 * const labels = await decodeIdx(bytes); // { dtype: 'uint8', dims: [10000], data: Uint8Array }
 * ```
 */
export async function decodeIdx(
  bytes: Uint8Array | ArrayBuffer,
  options: GunzipOptions = {},
): Promise<IdxArray> {
  requireKnownOptions(options, ['maxBytes'], 'decodeIdx');
  const input = toBytes(bytes);
  return parseIdx(isGzip(input) ? await gunzip(input, options) : input);
}
