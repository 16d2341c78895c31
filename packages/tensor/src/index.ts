export * as tf from '@tensorflow/tfjs-core';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend/init-backend.js';
export { initBackend } from './backend/init-backend.js';
export { BackendError } from './errors/backend-error.js';
export { InvalidArgumentError } from './errors/invalid-argument-error.js';
export { LatentkitError } from './errors/latentkit-error.js';
export { NonFiniteError } from './errors/non-finite-error.js';
export { ShapeError } from './errors/shape-error.js';
export { UnknownOptionError } from './errors/unknown-option-error.js';
export type {
  CheckGradientOptions,
  GradientCheckResult,
  InputGradientCheck,
} from './gradients/check-gradient.js';
export { checkGradient } from './gradients/check-gradient.js';
export { conv2dFilterGrad } from './gradients/conv-gradients.js';
export { latentkitGradients, registerLatentkitGradients } from './gradients/register-gradients.js';
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
export {
  requireFiniteNumber,
  requireFloatTensor,
  requireKnownOptions,
  requireRank,
  requireSameShape,
} from './losses/validate-inputs.js';
export { randomNormal, randomUniform } from './random/random-tensors.js';
export type { Rng, SeedLike } from './random/rng.js';
export { createRng, toRng } from './random/rng.js';
export { permutation } from './random/shuffle.js';
