import { open } from 'node:fs/promises';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import {
  type DecodedSafetensors,
  type DecodeSafetensorsOptions,
  decodeSafetensors,
} from '../../io/decode-safetensors.js';
import { SafetensorsError } from '../../io/safetensors-error.js';

/** Options of {@link loadSafetensorsFile}. */
export interface LoadSafetensorsFileOptions extends DecodeSafetensorsOptions {
  /** Largest file accepted, in bytes; checked before the file is read. Default 2³¹ − 1 (2 GiB). */
  maxFileBytes?: number;
}

/**
 * Reads and decodes a safetensors file (see {@link decodeSafetensors} for the checks). Node only.
 * For a model's parameters, pass the bytes to `safetensorsToRecord` instead, or use this
 * result's tensors directly.
 *
 * @param path - File to read.
 * @param options - `maxFileBytes` plus the {@link DecodeSafetensorsOptions}.
 * @returns The tensors and metadata.
 * @throws {@link SafetensorsError} for a corrupt file or one larger than `maxFileBytes`.
 * @throws Node's file-system errors (e.g. `ENOENT`) unchanged.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { loadSafetensorsFile } from '@latentkit/models/node';
 *
 * const { tensors, metadata } = await loadSafetensorsFile('vae.safetensors');
 * Object.keys(tensors); // → ['decoder.fc1.bias', …], each { dtype, shape, data }
 * ```
 */
export async function loadSafetensorsFile(
  path: string,
  options: LoadSafetensorsFileOptions = {},
): Promise<DecodedSafetensors> {
  requireKnownOptions(
    options,
    ['maxFileBytes', 'maxHeaderBytes', 'halfPrecision'],
    'loadSafetensorsFile options',
  );
  const { maxFileBytes = 2 ** 31 - 1, ...decodeOptions } = options;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 0) {
    throw new InvalidArgumentError(
      'maxFileBytes',
      `must be a non-negative integer, got ${maxFileBytes}`,
    );
  }
  const handle = await open(path, 'r');
  let bytes: Uint8Array;
  try {
    const { size } = await handle.stat();
    if (size > maxFileBytes) {
      throw new SafetensorsError(
        `${path} is ${size} bytes, more than maxFileBytes = ${maxFileBytes}`,
      );
    }
    bytes = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) break; // the file shrank while being read: decoding will say so
      read += bytesRead;
    }
    if (read < size) bytes = bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
  return decodeSafetensors(bytes, decodeOptions);
}
