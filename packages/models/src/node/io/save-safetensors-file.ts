import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import type { SafetensorsTensor } from '../../io/safetensors-dtype.js';

/** Options of {@link saveSafetensorsFile}. */
export interface SaveSafetensorsFileOptions {
  /** `__metadata__` strings, used when `contents` are tensors (ignored for bytes). Default none. */
  metadata?: Record<string, string>;
  /** File mode of a newly created file. Default `0o644` (before the umask). */
  mode?: number;
}

/** Fsyncs a directory so a rename in it is durable; a no-op where directories cannot be opened. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync directories; the rename itself has already happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temporary files that earlier saves of `name` left behind in `directory` (a process
 * killed mid-write leaves its `.<name>.<random>.tmp`). Only files last written before `before`
 * are removed, so the temporary file of a save still writing is left alone. Best effort: a file
 * that cannot be read or removed is skipped.
 */
async function removeStaleTemps(directory: string, name: string, before: number): Promise<void> {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length))) {
      continue;
    }
    const file = join(directory, entry);
    try {
      if ((await stat(file)).mtimeMs < before) await unlink(file);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/**
 * Writes a safetensors file atomically: the bytes go to a new temporary file in the same
 * directory (`.<name>.<random>.tmp`), which is flushed to disk (`fsync`) and then renamed over
 * `path`. Readers see either the old file or the complete new one — never a partial file — and
 * if anything fails (an encoding error, a full disk, a crash) the previous file at `path` is
 * untouched. On an error the temporary file is removed before the error is rethrown (after a
 * crash it can remain, under its `.tmp` name, never under `path`); the next successful save of
 * the same `path` removes such leftovers. Node only.
 *
 * @param path - Destination file.
 * @param contents - The file's bytes (e.g. from `paramsToSafetensors`) or tensors to encode with
 *   {@link encodeSafetensors}.
 * @param options - See {@link SaveSafetensorsFileOptions}.
 * @returns Resolves once the file is in place.
 * @throws The encoder's {@link InvalidArgumentError} / `ShapeError` for bad tensors, and Node's
 *   file-system errors (e.g. `ENOENT` for a missing directory, `ENOSPC`), unchanged.
 *
 * @example
 * ```ts
 * import { paramsToSafetensors } from '@latentkit/models';
 * import { saveSafetensorsFile } from '@latentkit/models/node';
 *
 * await saveSafetensorsFile('vae.safetensors', paramsToSafetensors(model.store, model.config));
 * ```
 */
export async function saveSafetensorsFile(
  path: string,
  contents: Uint8Array | Record<string, SafetensorsTensor>,
  options: SaveSafetensorsFileOptions = {},
): Promise<void> {
  requireKnownOptions(options, ['metadata', 'mode']);
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError('path', 'must be a non-empty string');
  }
  const bytes =
    contents instanceof Uint8Array ? contents : encodeSafetensors(contents, options.metadata);
  const started = Date.now();
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', options.mode ?? 0o644);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      if (bytesWritten <= 0) {
        // Reported like the file system's own failures (documented above), with a system code.
        throw Object.assign(new Error(`EIO: write to ${temp} made no progress`), { code: 'EIO' });
      }
      written += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
  await removeStaleTemps(dirname(path), basename(path), started);
}
