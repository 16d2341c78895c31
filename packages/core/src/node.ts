/**
 * `@latentkit/core/node`: the Node-only part of `@latentkit/core` — the worker-thread pool that
 * latentkit's Node-only parallel code (PCA's scatter workers, the parallel training engine) is
 * built on.
 *
 * @packageDocumentation
 */
export type {
  WorkerPool,
  WorkerPoolMessage,
  WorkerPoolOptions,
  WorkerPoolStopOptions,
} from './node/start-worker-pool.js';
export { startWorkerPool } from './node/start-worker-pool.js';
