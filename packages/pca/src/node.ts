/**
 * `@latentkit/pca/node`: the Node-only part of `@latentkit/pca` — the scatter matrix computed on
 * worker threads.
 *
 * @packageDocumentation
 */
export type { CreateScatterWorkersOptions, NodeScatterWorkers } from './node-scatter-workers.js';
export { createScatterWorkers } from './node-scatter-workers.js';
