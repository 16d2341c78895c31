/**
 * `@latentkit/pca/node`: the Node-only part of `@latentkit/pca` — the scatter matrix computed on
 * worker threads.
 *
 * @packageDocumentation
 */
export type {
  CreateScatterWorkersOptions,
  NodeScatterWorkers,
} from './node/create-scatter-workers.js';
export { createScatterWorkers } from './node/create-scatter-workers.js';
