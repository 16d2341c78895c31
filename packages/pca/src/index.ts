/**
 * `@latentkit/pca`: exact, randomized and streaming PCA with scikit-learn's conventions
 * (explained variance with N − 1, signs fixed), transforms, whitening, reconstruction errors,
 * principal angles and a linear autoencoder for comparison. Browser-safe; the worker-thread
 * scatter is in `@latentkit/pca/node`.
 *
 * @packageDocumentation
 */
export type { ScatterOptions } from './covariance.js';
export type { DenseMatrix, MatrixInput, ToDenseOptions } from './dense-matrix.js';
export { toDenseMatrix } from './dense-matrix.js';
export type { FitPcaOptions, PcaSolver } from './fit-pca.js';
export { fitPca } from './fit-pca.js';
export { IncrementalPca } from './incremental-pca.js';
export type { LinearAutoencoderOptions, LinearAutoencoderResult } from './linear-autoencoder.js';
export { linearAutoencoderAngles } from './linear-autoencoder.js';
export type { PcaJson } from './pca-json.js';
export { parsePcaJson } from './pca-json.js';
export type { PcaMethod, PcaState, ReconstructionError } from './pca-model.js';
export { PcaModel } from './pca-model.js';
export { principalAngles } from './principal-angles.js';
export type {
  ScatterEngine,
  ScatterMatrixOptions,
  ScatterMatrixResult,
} from './scatter-matrix.js';
export { scatterMatrix } from './scatter-matrix.js';
export type { ScatterWorkers } from './scatter-workers.js';
export type { ScatterPartial } from './sparse-scatter.js';
