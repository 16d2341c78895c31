export type { CodeGrids } from './code-grids.js';
export type { CodeLayer, MaskedCodeConvOptions } from './masked-code-conv.js';
export { maskedCodeConv } from './masked-code-conv.js';
export type { MaskedConv2dOptions, MaskType } from './masked-conv2d.js';
export { MASK_TYPES, maskedConv2d } from './masked-conv2d.js';
export type { PixelCnnConfig, ResolvedPixelCnnConfig } from './pixel-cnn-config.js';
export { resolvePixelCnnConfig } from './pixel-cnn-config.js';
export type { PixelCnnPrior } from './pixel-cnn-prior.js';
export { createPixelCnnPrior } from './pixel-cnn-prior.js';
export type { PriorNll, PriorNllOptions } from './prior-nll.js';
export { priorNll } from './prior-nll.js';
export type { PriorSamples, SamplePriorOptions } from './sample-prior.js';
export { samplePrior } from './sample-prior.js';
export type {
  PriorBatchReport,
  PriorEpochReport,
  TrainPriorOptions,
  TrainPriorResult,
} from './train-prior.js';
export { trainPrior } from './train-prior.js';
