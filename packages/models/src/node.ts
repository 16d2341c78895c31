/**
 * Node-only entry of `@latentkit/models`: atomic saving and loading of safetensors files with
 * `node:fs`. Everything else, including the pure `encodeSafetensors` / `decodeSafetensors`, lives
 * in the browser-safe main entry `@latentkit/models`.
 *
 * @packageDocumentation
 */

export { WorkerError } from '@latentkit/core';
export type { FileCheckpointStoreOptions } from './io/node/file-checkpoint-store.js';
export { createFileCheckpointStore, fileCheckpointStore } from './io/node/file-checkpoint-store.js';
export type { LoadSafetensorsFileOptions } from './io/node/load-safetensors-file.js';
export { loadSafetensorsFile } from './io/node/load-safetensors-file.js';
export type { SaveSafetensorsFileOptions } from './io/node/save-safetensors-file.js';
export { saveSafetensorsFile } from './io/node/save-safetensors-file.js';
export {
  decodeTrainCheckpoint,
  encodeTrainCheckpoint,
  TRAIN_CHECKPOINT_FORMAT,
} from './io/node/train-checkpoint-codec.js';
export type { ParallelEngine, ParallelEngineOptions } from './parallel/parallel-engine.js';
export { createParallelEngine, parallelEngine } from './parallel/parallel-engine.js';
export type { TrainParallelOptions } from './parallel/train-parallel.js';
export { trainParallel } from './parallel/train-parallel.js';
