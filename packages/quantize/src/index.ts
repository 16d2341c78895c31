/**
 * `@latentkit/quantize`: fixed-point formats, post-training quantization of float MLPs and VAEs,
 * the bit-exact integer golden model, hardware activation units (sigmoid, exp) with error tables,
 * hardware noise, and quantization reports. Needs no tfjs: `floatVaeFromModel` takes a trained
 * model of `@latentkit/models` by its config and parameter record. The building blocks that
 * `@latentkit/verilog` shares are in `@latentkit/quantize/internal`, outside semver.
 *
 * @packageDocumentation
 */
export type {
  ActivationUnit,
  IdentityUnit,
  LeakyReluUnit,
  ReluUnit,
} from './activations/activation-unit.js';
export { activationCode } from './activations/activation-unit.js';
export type { SigmoidBudget, SigmoidCandidate } from './activations/default-sigmoid.js';
export { defaultSigmoid, sigmoidCandidates } from './activations/default-sigmoid.js';
export type {
  ErrorStats,
  ErrorTableRow,
  FunctionErrorOptions,
  UnitErrorOptions,
} from './activations/error-table.js';
export {
  binnedErrorTable,
  errorExceedsAt,
  functionErrorStats,
  unitErrorStats,
} from './activations/error-table.js';
export type { LutFunction, LutUnit } from './activations/lut-unit.js';
export { sigmoidPlanFloat } from './activations/sigmoid-plan.js';
export { sigmoidTaylorFloat } from './activations/sigmoid-taylor.js';
export type {
  SigmoidPlanUnit,
  SigmoidTaylorUnit,
  SigmoidUnit,
} from './activations/sigmoid-unit.js';
export type { TanhViaSigmoidUnit } from './activations/tanh-via-sigmoid.js';
export type { ActivationUnitOptions, SigmoidChoice } from './activations/unit-for-activation.js';
export { SIGMOID_CHOICES } from './activations/unit-for-activation.js';
export type { LayerFormatOverrides, QuantizeMlpOptions } from './calibrate/quantize-mlp.js';
export { quantizeMlp } from './calibrate/quantize-mlp.js';
export type { QuantizeVaeOptions } from './calibrate/quantize-vae.js';
export { quantizeVae } from './calibrate/quantize-vae.js';
export type { QuantizationProblem } from './errors/quantization-error.js';
export { QuantizationError } from './errors/quantization-error.js';
export type { FixedFormat, FormatRange } from './fixed/fixed-format.js';
export { fixedFormat, formatRange, formatToString, resolution } from './fixed/fixed-format.js';
export { formatForMaxAbs } from './fixed/format-for-range.js';
export type { QuantizeOptions } from './fixed/quantize.js';
export { dequantize, dequantizeArray, quantize, quantizeArray } from './fixed/quantize.js';
export { requantize } from './fixed/requantize.js';
export type { OverflowMode, RoundingMode } from './fixed/rounding.js';
export { OVERFLOW_MODES, ROUNDING_MODES } from './fixed/rounding.js';
export type { FloatActivation, FloatLayer, FloatMlp } from './float/float-mlp.js';
export { FLOAT_ACTIVATIONS } from './float/float-mlp.js';
export type { FloatVae, FloatVaeResult } from './float/float-vae.js';
export { runFloatVae } from './float/float-vae.js';
export type { ModelConfigLike, ModelNetworkLike } from './float/float-vae-from-model.js';
export { floatVaeFromModel } from './float/float-vae-from-model.js';
export type { ParamRecordLayerSpec, ParamRecordSpec } from './float/from-param-record.js';
export { fromParamRecord } from './float/from-param-record.js';
export type { FloatLayerValues, FloatMlpResult } from './float/run-float-mlp.js';
export { runFloatMlp } from './float/run-float-mlp.js';
export type { QuantizedLayer, QuantizedMlp } from './golden/quantized-mlp.js';
export { QUANTIZED_MLP_FORMAT } from './golden/quantized-mlp.js';
export type { QuantizedVae, QuantizedVaeResult } from './golden/quantized-vae.js';
export {
  QUANTIZED_VAE_FORMAT,
  runQuantizedVae,
  validateQuantizedVae,
} from './golden/quantized-vae.js';
export type {
  QuantizedLayerTrace,
  QuantizedMlpResult,
  RunQuantizedOptions,
} from './golden/run-quantized-mlp.js';
export { runQuantizedMlp, runQuantizedMlpBatch } from './golden/run-quantized-mlp.js';
export { parseQuantizedMlp, validateQuantizedMlp } from './golden/validate-quantized-mlp.js';
export type { NoiseConfig, NoiseConfigOptions, NoiseSource } from './noise/clt-gaussian.js';
export { createNoiseSource } from './noise/clt-gaussian.js';
export type { ReparamConfig } from './reparam/reparameterize-codes.js';
export type {
  BitsReport,
  LayerSqnr,
  QuantizationReport,
  QuantizationReportOptions,
} from './report/quantization-report.js';
export { quantizationReport } from './report/quantization-report.js';
export { renderErrorTable, renderQuantizationReport } from './report/render-report.js';
