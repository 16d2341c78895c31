/**
 * `@latentkit/tensor`: the numerical floor of latentkit on tfjs — `initBackend` (WebAssembly with
 * SIMD, cpu fallback that says so), latentkit's own gradients, seeded random tensors, losses and KL
 * terms in nats, reparameterization, ELBO and IWAE bounds, layers, initializers, named parameters
 * and optimizers. It re-exports what users of its API called from `@latentkit/core` before the
 * core was split out (errors, `createRng`, option checks); the WebAssembly assembler is
 * `@latentkit/core`'s alone.
 *
 * @packageDocumentation
 */
export type { Rng, SeedLike, TensorRecord } from '@latentkit/core';
export {
  BackendError,
  createRng,
  InvalidArgumentError,
  LatentkitError,
  NonFiniteError,
  permutation,
  requireFiniteNumber,
  requireKnownOptions,
  ShapeError,
  toRng,
  UnknownOptionError,
} from '@latentkit/core';
export * as tf from '@tensorflow/tfjs-core';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend/init-backend.js';
export { initBackend } from './backend/init-backend.js';
export type {
  CheckGradientOptions,
  GradientCheckResult,
  InputGradientCheck,
} from './gradients/check-gradient.js';
export { checkGradient } from './gradients/check-gradient.js';
export type { FilterGradMethod, FilterGradOptions } from './gradients/conv-filter-grad.js';
export { conv2dFilterGrad } from './gradients/conv-gradients.js';
export { latentkitGradients, registerLatentkitGradients } from './gradients/register-gradients.js';
export type { Fans } from './init/compute-fans.js';
export { computeFans } from './init/compute-fans.js';
export type { InitializerName } from './init/get-initializer.js';
export { getInitializer, INITIALIZER_NAMES } from './init/get-initializer.js';
export { glorotNormal } from './init/glorot-normal.js';
export { glorotUniform } from './init/glorot-uniform.js';
export { heNormal } from './init/he-normal.js';
export { heUniform } from './init/he-uniform.js';
export type { Initializer, InitializerOptions } from './init/initializer.js';
export { torchDefault } from './init/torch-default.js';
export { zeros } from './init/zeros.js';
export type { GemmOptions } from './kernels/gemm.js';
export { gemm } from './kernels/gemm.js';
export type { GemmActivation, GemmAttrs } from './kernels/gemm-kernel.js';
export { LATENTKIT_GEMM } from './kernels/gemm-kernel.js';
export type { ActivationName, ActivationOptions } from './layers/activation.js';
export { ACTIVATION_NAMES, getActivation } from './layers/activation.js';
export type { ConvPadding } from './layers/conv-geometry.js';
export { convOutputLength, convTransposeOutputLength } from './layers/conv-geometry.js';
export type { Conv2dOptions } from './layers/conv2d.js';
export { conv2d } from './layers/conv2d.js';
export type { Conv2dTransposeOptions } from './layers/conv2d-transpose.js';
export { conv2dTranspose } from './layers/conv2d-transpose.js';
export type { DenseOptions } from './layers/dense.js';
export { dense } from './layers/dense.js';
export type { Layer } from './layers/layer.js';
export { assertFinite } from './losses/assert-finite.js';
export type { BernoulliNllOptions } from './losses/bernoulli-nll.js';
export { bernoulliNllFromLogits } from './losses/bernoulli-nll.js';
export type { CategoricalCrossEntropyOptions } from './losses/categorical-cross-entropy.js';
export { categoricalCrossEntropy } from './losses/categorical-cross-entropy.js';
export type { ElboOptions, ElboTerms } from './losses/elbo.js';
export { elbo } from './losses/elbo.js';
export { gaussianLogProb, standardNormalLogProb } from './losses/gaussian-log-prob.js';
export type { GaussianNllOptions } from './losses/gaussian-nll.js';
export { gaussianNll, HALF_LOG_2PI } from './losses/gaussian-nll.js';
export { iwaeBound } from './losses/iwae-bound.js';
export type { KlDiagGaussiansOptions } from './losses/kl-diag-gaussians.js';
export { klDiagGaussians, klDiagGaussiansPerDim } from './losses/kl-diag-gaussians.js';
export type { KlStandardNormalOptions } from './losses/kl-standard-normal.js';
export { klStandardNormal, klStandardNormalPerDim } from './losses/kl-standard-normal.js';
export { logMeanExp } from './losses/log-mean-exp.js';
export type { MseOptions } from './losses/mse.js';
export { mse } from './losses/mse.js';
export type { Reduction, ReductionOptions } from './losses/reduction.js';
export { applyReduction, REDUCTIONS, resolveReduction } from './losses/reduction.js';
export type { ReparameterizeOptions } from './losses/reparameterize.js';
export { reparameterize } from './losses/reparameterize.js';
export { reparameterizeWithNoise } from './losses/reparameterize-with-noise.js';
export { conv2dTransposeByConv } from './ops/conv2d-transpose-by-conv.js';
export type { AdamOptions } from './optim/adam.js';
export { adam, createAdam } from './optim/adam.js';
export { clipGradients, globalNorm } from './optim/clip-gradients.js';
export type {
  ClipOptions,
  Optimizer,
  OptimizerState,
  ParamSlotState,
  ParamsLike,
} from './optim/optimizer.js';
export type { SgdOptions } from './optim/sgd.js';
export { createSgd, sgd } from './optim/sgd.js';
export type { CreateParamOptions, LoadRecordOptions, ParamStore } from './params/param-store.js';
export { createParamStore } from './params/param-store.js';
export { recordToTensor, tensorToRecord } from './params/tensor-record.js';
export type { ValueAndParamGrads } from './params/value-and-param-grads.js';
export { valueAndParamGrads } from './params/value-and-param-grads.js';
export { randomNormal, randomUniform } from './random/random-tensors.js';
export { runTrainingLoop } from './training/run-training-loop.js';
export { runTrainingLoopSync } from './training/run-training-loop-sync.js';
export type {
  TrainingBatch,
  TrainingBatchReport,
  TrainingEpochReport,
  TrainingLoopOptions,
  TrainingLoopResult,
  TrainingPosition,
  TrainingStart,
  TrainingSums,
} from './training/training-loop-types.js';
export { requireFloatTensor, requireRank, requireSameShape } from './validation/validate-inputs.js';
