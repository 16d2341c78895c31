import { requireKnownOptions } from '@latentkit/core';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { checkInteger } from '../internal/check-options.js';
import { looksGzipped, toBytes } from './parse-idx.js';

/** Default cap on decompressed size: 1 GiB (MNIST's largest file is 47 MB uncompressed). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 ** 30;

/** Options of {@link gunzip}. */
export interface GunzipOptions {
  /**
   * Refuse (with {@link IdxFormatError}, problem `'gzip'`) to produce more than this many bytes,
   * so a corrupt or hostile stream cannot exhaust memory. Default 1 GiB.
   */
  maxBytes?: number;
}

/**
 * True if `bytes` starts with the gzip magic number (0x1f 0x8b), as `.gz` IDX files do.
 *
 * @param bytes - File contents.
 *
 * @example
 * ```ts
 * import { isGzip } from '@latentkit/datasets';
 *
 * isGzip(new Uint8Array([0x1f, 0x8b, 8, 0])); // → true
 * isGzip(new Uint8Array([0, 0, 8, 1])); // → false (an uncompressed IDX header)
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return looksGzipped(bytes);
}

/**
 * Decompresses a gzip buffer with the web-standard `DecompressionStream('gzip')` (browsers, Deno,
 * Node ≥ 18), so it works without Node built-ins. In Node, `decodeIdxSync` from
 * `@latentkit/datasets/node` does the same synchronously with `node:zlib`.
 *
 * @param bytes - A gzip stream (one member).
 * @param options - See {@link GunzipOptions}.
 * @returns The decompressed bytes.
 * @throws {@link IdxFormatError} (problem `'gzip'`) if `DecompressionStream` is missing, the stream
 *   is corrupt or truncated, or the output exceeds `maxBytes`.
 *
 * @example
 * ```ts
 * import { gunzip, isGzip } from '@latentkit/datasets';
 *
 * const bytes = new Uint8Array(await (await fetch('/data/train-labels-idx1-ubyte.gz')).arrayBuffer());
 * const plain = isGzip(bytes) ? await gunzip(bytes, { maxBytes: 1 << 20 }) : bytes;
 * ```
 */
export async function gunzip(bytes: Uint8Array, options: GunzipOptions = {}): Promise<Uint8Array> {
  requireKnownOptions(options, ['maxBytes'], 'gunzip');
  const maxBytes = checkInteger(
    options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    'maxBytes',
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const input = toBytes(bytes);
  if (typeof DecompressionStream === 'undefined') {
    throw new IdxFormatError(
      'gzip',
      'this runtime has no DecompressionStream; decompress the file first or use @latentkit/datasets/node',
    );
  }
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  });
  const reader = source
    .pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
    )
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new IdxFormatError('gzip', `decompressed size exceeds maxBytes = ${maxBytes}`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof IdxFormatError) throw error;
    throw new IdxFormatError(
      'gzip',
      `corrupt or truncated gzip stream (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
