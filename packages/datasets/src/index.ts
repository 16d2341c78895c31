/**
 * `@latentkit/datasets`: MNIST (IDX reader, gzip), Iris and procedural dSprites as typed arrays,
 * with seeded batching, splits, one-hot labels and binarization. This entry is browser-safe (no
 * Node built-ins); reading files from disk is in `@latentkit/datasets/node`.
 *
 * @packageDocumentation
 */
export type {
  Batch,
  BatchOf,
  BatchOptions,
  BatchSource,
  RowArray,
} from './batching/batch-iterator.js';
export { batchIterator, indexBatches } from './batching/batch-iterator.js';
export { epochPermutation } from './batching/epoch-permutation.js';
export type { PlainArrayOf } from './batching/gather-rows.js';
export { gatherRows } from './batching/gather-rows.js';
export { oneHot, oneHotTensor } from './batching/one-hot.js';
export type { IndexSplit, TrainValidationSplitOptions } from './batching/train-validation-split.js';
export { trainValidationSplit } from './batching/train-validation-split.js';
export { dspriteShapeContains } from './dsprites/dsprite-shapes.js';
export type { DspritesBatch, DspritesBatchesOptions } from './dsprites/dsprites-batch.js';
export { dspritesBatch, dspritesBatches } from './dsprites/dsprites-batch.js';
export type {
  DspritesFactorName,
  DspritesFactors,
  DspritesFactorValues,
  DspritesShape,
} from './dsprites/dsprites-factors.js';
export {
  DSPRITES_COUNT,
  DSPRITES_FACTOR_NAMES,
  DSPRITES_FACTOR_SIZES,
  DSPRITES_FACTOR_VALUES,
  DSPRITES_SHAPES,
  dspritesFactorsFromIndex,
  dspritesFactorValues,
  dspritesIndexFromFactors,
} from './dsprites/dsprites-factors.js';
export type { DspritePlacement, RenderDspriteOptions } from './dsprites/render-dsprite.js';
export {
  DSPRITES_MAX_RADIUS_FRACTION,
  DSPRITES_RESOLUTION,
  dspritePlacement,
  renderDsprite,
  renderDsprites,
} from './dsprites/render-dsprite.js';
export { DatasetUnavailableError } from './errors/dataset-unavailable-error.js';
export type { IdxFormatProblem } from './errors/idx-format-error.js';
export { IdxFormatError } from './errors/idx-format-error.js';
export { decodeIdx } from './idx/decode-idx.js';
export { encodeIdx } from './idx/encode-idx.js';
export type { GunzipOptions } from './idx/gunzip.js';
export { DEFAULT_MAX_DECOMPRESSED_BYTES, gunzip, isGzip } from './idx/gunzip.js';
export type { IdxArray, IdxArrayTypes, IdxDtype } from './idx/idx-dtype.js';
export { parseIdx } from './idx/parse-idx.js';
export type { NumericArray } from './internal/typed-array.js';
export type { IrisData } from './iris/load-iris.js';
export { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, loadIris } from './iris/load-iris.js';
export type { IrisSplit, IrisSplitOptions, IrisSubset } from './iris/split-iris.js';
export { splitIris } from './iris/split-iris.js';
export type { DecodeMnistOptions, FetchMnistOptions } from './mnist/fetch-mnist.js';
export { decodeMnist, fetchMnist } from './mnist/fetch-mnist.js';
export type { ImageLayout, MnistBatchOptions, MnistTensorBatch } from './mnist/mnist-batch.js';
export { mnistBatch } from './mnist/mnist-batch.js';
export type { MnistData, MnistFiles, MnistSplit, MnistSplitOptions } from './mnist/mnist-split.js';
export { MNIST_FILE_NAMES, mnistFromIdx, mnistSplitFromIdx } from './mnist/mnist-split.js';
export type {
  DynamicBinarizationOptions,
  GreyLevels,
  SampleBinarizationOptions,
  ThresholdOptions,
} from './preprocessing/binarize.js';
export { binarizeSample, binarizeThreshold, dynamicBinarize } from './preprocessing/binarize.js';
export { outlierImages } from './preprocessing/outlier-images.js';
export type { Standardizer } from './preprocessing/standardizer.js';
export { applyStandardizer, fitStandardizer } from './preprocessing/standardizer.js';
export type { ScaleOptions } from './preprocessing/to-float-pixels.js';
export { toFloatPixels, toFloatTensor } from './preprocessing/to-float-pixels.js';
