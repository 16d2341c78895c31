import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { type ModelConfig, resolveModelConfig } from '../../model/model-config.js';
import type { CheckpointStore, TrainCheckpoint } from '../../training/train-checkpoint.js';
import { saveSafetensorsFile } from './save-safetensors-file.js';
import { decodeTrainCheckpoint, encodeTrainCheckpoint } from './train-checkpoint-codec.js';

/** Options of {@link createFileCheckpointStore}. */
export interface FileCheckpointStoreOptions {
  /**
   * The model the checkpoint must belong to: `load` refuses a file whose stored configuration
   * differs (after filling in defaults). Default: not checked (the parameters' names and shapes
   * are still checked when `train` loads them).
   */
  modelConfig?: ModelConfig;
  /** Largest JSON header accepted, in bytes. Default 100 000 000. */
  maxHeaderBytes?: number;
}

/** JSON with object keys sorted, so that two equal configurations compare equal as text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A {@link CheckpointStore} that keeps `train`'s checkpoint in one safetensors file (Node only):
 * parameters and optimizer slots as `F32` tensors, everything else as JSON metadata, with a CRC-32
 * of the data (format: {@link encodeTrainCheckpoint}).
 *
 * - `save` writes atomically with `saveSafetensorsFile` (a temp file in the same directory,
 *   fsync, rename): the previous checkpoint stays intact if the save fails at any point.
 * - `load` returns `undefined` when the file does not exist, and otherwise the decoded,
 *   validated checkpoint; resuming from it reproduces the uninterrupted run bit for bit.
 *
 * @example
 * ```ts
 * import { createFileCheckpointStore } from '@latentkit/models/node';
 * import { train } from '@latentkit/models';
 *
 * const checkpoint = createFileCheckpointStore('run/vae.ckpt.safetensors');
 * await train(model, data, { epochs: 10, seed: 1, checkpoint, resume: true });
 * ```
 *
 * @param path - The checkpoint file (its directory must exist).
 * @param options - See {@link FileCheckpointStoreOptions}.
 * @returns The store; its `path` is the file.
 * @throws {@link InvalidArgumentError} for an empty path or bad options (at creation). `load`
 *   throws {@link SafetensorsError} for a corrupt or foreign file and
 *   {@link InvalidArgumentError} for a checkpoint of another model (with `modelConfig`); `save`
 *   throws `InvalidArgumentError` for a malformed state and Node's file-system errors unchanged
 *   (e.g. `ENOENT`, `ENOSPC`). Other file-system errors of `load` are passed through.
 */
export function createFileCheckpointStore(
  path: string,
  options: FileCheckpointStoreOptions = {},
): CheckpointStore & {
  /** The checkpoint file, as given. */
  readonly path: string;
} {
  requireKnownOptions(
    options,
    ['modelConfig', 'maxHeaderBytes'],
    'createFileCheckpointStore options',
  );
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError('path', 'must be a non-empty string');
  }
  const expected =
    options.modelConfig === undefined
      ? undefined
      : canonical(resolveModelConfig(options.modelConfig));
  const decodeOptions =
    options.maxHeaderBytes === undefined ? {} : { maxHeaderBytes: options.maxHeaderBytes };
  return {
    path,
    async save(state: TrainCheckpoint): Promise<void> {
      await saveSafetensorsFile(path, encodeTrainCheckpoint(state));
    },
    async load(): Promise<TrainCheckpoint | undefined> {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw error;
      }
      const state = decodeTrainCheckpoint(bytes, decodeOptions);
      if (expected !== undefined && canonical(state.modelConfig) !== expected) {
        throw new InvalidArgumentError(
          'checkpoint',
          `${path} was saved for another model: ${JSON.stringify(state.modelConfig)}`,
        );
      }
      return state;
    },
  };
}

/** @deprecated Use {@link createFileCheckpointStore} (factories are `createX` across latentkit). */
export const fileCheckpointStore: typeof createFileCheckpointStore = createFileCheckpointStore;
