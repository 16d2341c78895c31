// Node-only entry of @latentkit/pca (`@latentkit/pca/node`).
export type { CreateScatterWorkersOptions, NodeScatterWorkers } from './node-scatter-workers.js';
export { createScatterWorkers } from './node-scatter-workers.js';
