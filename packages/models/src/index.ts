/**
 * `@latentkit/models`: autoencoders and the VAE family (AE, VAE, β-VAE, CVAE, VQ-VAE) built from
 * one encoder/decoder builder, trained by one loop, with latent operations and evaluation.
 *
 * @packageDocumentation
 */
export type { BuildDecoderOptions } from './architecture/build-decoder.js';
export { buildDecoder } from './architecture/build-decoder.js';
export type { BuildEncoderOptions } from './architecture/build-encoder.js';
export { buildEncoder } from './architecture/build-encoder.js';
export type {
  ConvSpec,
  MlpSpec,
  Network,
  NetworkSpec,
  ResolvedSpec,
  UpsampleMode,
} from './architecture/network-spec.js';
export { resolveSpec } from './architecture/network-spec.js';
export type { ComputeMigOptions } from './evaluation/disentanglement/compute-mig.js';
export { computeMig } from './evaluation/disentanglement/compute-mig.js';
export { discreteEntropy } from './evaluation/disentanglement/discrete-entropy.js';
export { discreteMutualInformation } from './evaluation/disentanglement/discrete-mutual-information.js';
export type {
  DspritesFactorSourceOptions,
  DspritesRenderer,
} from './evaluation/disentanglement/dsprites-factor-source.js';
export { dspritesFactorSource } from './evaluation/disentanglement/dsprites-factor-source.js';
export type { FactorSource, FixedFactor } from './evaluation/disentanglement/factor-source.js';
export type {
  FactorVaeResult,
  FactorVaeScoreOptions,
} from './evaluation/disentanglement/factor-vae-score.js';
export { factorVaeScore } from './evaluation/disentanglement/factor-vae-score.js';
export { histogramDiscretize } from './evaluation/disentanglement/histogram-discretize.js';
export type { ModelFactorSourceOptions } from './evaluation/disentanglement/model-factor-source.js';
export { modelFactorSource } from './evaluation/disentanglement/model-factor-source.js';
export type {
  MigResult,
  MutualInformationGapOptions,
} from './evaluation/disentanglement/mutual-information-gap.js';
export { mutualInformationGap } from './evaluation/disentanglement/mutual-information-gap.js';
export { sampleUniformFactors } from './evaluation/disentanglement/sample-uniform-factors.js';
export type { ElboEstimate, EvaluateElboOptions } from './evaluation/evaluate-elbo.js';
export { evaluateElbo } from './evaluation/evaluate-elbo.js';
export type { IwaeNllOptions, IwaeNllResult } from './evaluation/iwae-nll.js';
export { iwaeNll } from './evaluation/iwae-nll.js';
export type { LatentStatistics, LatentStatisticsOptions } from './evaluation/latent-statistics.js';
export { latentStatistics } from './evaluation/latent-statistics.js';
export type { DecodedSafetensors, DecodeSafetensorsOptions } from './io/decode-safetensors.js';
export { decodeSafetensors } from './io/decode-safetensors.js';
export { encodeSafetensors } from './io/encode-safetensors.js';
export type { HalfFormat } from './io/half-precision.js';
export { float32ToHalfBits, halfBitsToFloat32 } from './io/half-precision.js';
export { invertNameMap } from './io/invert-name-map.js';
export { CONFIG_METADATA_KEY } from './io/model-config-key.js';
export type {
  ModelToTorchSafetensorsOptions,
  TorchExportSource,
} from './io/model-to-torch-safetensors.js';
export { modelToTorchSafetensors } from './io/model-to-torch-safetensors.js';
export type { ParamsToSafetensorsOptions } from './io/params-to-safetensors.js';
export { paramsToSafetensors } from './io/params-to-safetensors.js';
export { DEFAULT_MAX_HEADER_BYTES, METADATA_KEY } from './io/parse-safetensors-header.js';
export type {
  SafetensorsData,
  SafetensorsDtype,
  SafetensorsTensor,
} from './io/safetensors-dtype.js';
export { SAFETENSORS_DTYPES } from './io/safetensors-dtype.js';
export { SafetensorsError } from './io/safetensors-error.js';
export type { SafetensorsModel, SafetensorsToRecordOptions } from './io/safetensors-to-record.js';
export { safetensorsToRecord } from './io/safetensors-to-record.js';
export type { TorchLayer, TorchModuleType } from './io/torch-layer-plan.js';
export { torchLayerPlan } from './io/torch-layer-plan.js';
export type { TorchNameMapOptions, TorchNamingConvention } from './io/torch-name-map.js';
export { torchNameMap } from './io/torch-name-map.js';
export type {
  TorchStateDict,
  TorchStateDictToRecordOptions,
} from './io/torch-state-dict-to-record.js';
export { torchStateDictToRecord } from './io/torch-state-dict-to-record.js';
export { torchVaeNameMap, torchVaeTransposed } from './io/torch-vae-name-map.js';
export type { AnomalyScoreOptions } from './latent/anomaly-score.js';
export { anomalyScore } from './latent/anomaly-score.js';
export type { EncodeLatentOptions } from './latent/encode-latent.js';
export { encodeLatent } from './latent/encode-latent.js';
export type { InterpolateLatentOptions } from './latent/interpolate-latent.js';
export { interpolateLatent } from './latent/interpolate-latent.js';
export type { SampleModelOptions } from './latent/sample-model.js';
export { sampleModel } from './latent/sample-model.js';
export type { TraverseLatentOptions } from './latent/traverse-latent.js';
export { traverseLatent } from './latent/traverse-latent.js';
export type { CreateModelOptions } from './model/create-model.js';
export { createModel } from './model/create-model.js';
export type { EncodeCodesOptions, EncodedCodes } from './model/encode-codes.js';
export { encodeCodes } from './model/encode-codes.js';
export type { Likelihood } from './model/likelihood.js';
export type { MnistVqvaeConfigOptions } from './model/mnist-vqvae-config.js';
export { mnistVqvaeConfig } from './model/mnist-vqvae-config.js';
export type { Labels, LossTerms, LossTermsOptions, Model, Posterior } from './model/model.js';
export type {
  LikelihoodName,
  ModelConfig,
  ModelKind,
  ResolvedModelConfig,
} from './model/model-config.js';
export { LIKELIHOODS, MODEL_KINDS, resolveModelConfig } from './model/model-config.js';
export type { VqInitializeOptions, VqLatent, VqTerms } from './model/vq-latent.js';
export * from './prior/index.js';
export type { DataFingerprint } from './training/data-fingerprint.js';
export { dataFingerprint } from './training/data-fingerprint.js';
export type { FusedAdamOptions } from './training/fused-adam.js';
export { createFusedAdam, fusedAdam } from './training/fused-adam.js';
export type { LocalEngineOptions } from './training/local-engine.js';
export { createLocalEngine, localEngine } from './training/local-engine.js';
export type { DataInfo, ModelData } from './training/model-data.js';
export { checkModelData } from './training/model-data.js';
export type {
  BetaChange,
  CapacityOptions,
  KlWarmup,
  Objective,
  ObjectiveOptions,
  ObjectiveValue,
} from './training/objective.js';
export { betaAt, createObjective, klWarmupFactor } from './training/objective.js';
export type {
  BatchPosition,
  BatchReport,
  BatchTransform,
  EpochReport,
  TrainOptions,
  TrainResult,
} from './training/train.js';
export { train } from './training/train.js';
export type { CheckpointStore, EpochTotals, TrainCheckpoint } from './training/train-checkpoint.js';
export { createMemoryCheckpointStore, memoryCheckpointStore } from './training/train-checkpoint.js';
export type {
  EngineContext,
  EngineState,
  StepBatch,
  StepEngine,
  StepValues,
  TrainEngine,
  VqStepValues,
} from './training/train-engine.js';
export type { VqBatchReport, VqEpochReport, VqEpochTotals } from './training/vq-report.js';
export { histogramStatistics } from './training/vq-report.js';
export type { CodeStatistics } from './vq/code-statistics.js';
export { codeStatistics } from './vq/code-statistics.js';
export type { EmaVectorQuantizerOptions } from './vq/ema-vector-quantizer.js';
export { createEmaVectorQuantizer, emaVectorQuantizer } from './vq/ema-vector-quantizer.js';
export type {
  FiniteScalarQuantizer,
  FiniteScalarQuantizerOptions,
} from './vq/finite-scalar-quantizer.js';
export {
  createFiniteScalarQuantizer,
  finiteScalarQuantizer,
} from './vq/finite-scalar-quantizer.js';
export type { KmeansOptions } from './vq/kmeans.js';
export { kmeans } from './vq/kmeans.js';
export type { NearestCode } from './vq/nearest-code.js';
export { nearestCode, squaredDistances } from './vq/nearest-code.js';
export type {
  InitializeCodebookOptions,
  Quantizer,
  QuantizerKind,
  QuantizerLoss,
  QuantizerOutput,
  QuantizerUpdate,
  QuantizerUpdateOptions,
} from './vq/quantizer.js';
export { disposeQuantizerOutput } from './vq/quantizer.js';
export type {
  CodebookInit,
  CodebookQuantizerConfig,
  EmaQuantizerFields,
  QuantizerConfig,
  ResolvedQuantizerConfig,
} from './vq/quantizer-config.js';
export { createQuantizer, QUANTIZER_TYPES, resolveQuantizerConfig } from './vq/quantizer-config.js';
export type { ResidualQuantizerOptions } from './vq/residual-quantizer.js';
export { createResidualQuantizer, residualQuantizer } from './vq/residual-quantizer.js';
export type { EmaCodebookState, RestartDeadCodesOptions } from './vq/restart-dead-codes.js';
export { restartDeadCodes } from './vq/restart-dead-codes.js';
export { stopGradient } from './vq/stop-gradient.js';
export { straightThrough } from './vq/straight-through.js';
export type { VectorQuantizerOptions } from './vq/vector-quantizer.js';
export { createVectorQuantizer, vectorQuantizer } from './vq/vector-quantizer.js';
