/**
 * Node-only entry of `@latentkit/models`: atomic saving and loading of safetensors files with
 * `node:fs`. Everything else, including the pure `encodeSafetensors` / `decodeSafetensors`, lives
 * in the browser-safe main entry `@latentkit/models`.
 *
 * @packageDocumentation
 */

export { WorkerError } from '@latentkit/core';
export type { FileCheckpointStoreOptions } from './node/io/file-checkpoint-store.js';
export { createFileCheckpointStore, fileCheckpointStore } from './node/io/file-checkpoint-store.js';
export type { LoadSafetensorsFileOptions } from './node/io/load-safetensors-file.js';
export { loadSafetensorsFile } from './node/io/load-safetensors-file.js';
export type { SaveSafetensorsFileOptions } from './node/io/save-safetensors-file.js';
export { saveSafetensorsFile } from './node/io/save-safetensors-file.js';
export {
  decodeTrainCheckpoint,
  encodeTrainCheckpoint,
  TRAIN_CHECKPOINT_FORMAT,
} from './node/io/train-checkpoint-codec.js';
export type {
  ParallelEngine,
  ParallelEngineOptions,
  WorkerPhases,
} from './node/parallel/parallel-engine.js';
export { createParallelEngine, parallelEngine } from './node/parallel/parallel-engine.js';
export type { TrainParallelOptions } from './node/parallel/train-parallel.js';
export { trainParallel } from './node/parallel/train-parallel.js';
