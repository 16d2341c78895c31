import { requireKnownOptions } from '@latentkit/core';
import { checkLutUnit } from '../activations/lut-unit.js';
import { QuantizationError } from '../errors/quantization-error.js';
import { checkFormat, formatsEqual, formatToString } from '../fixed/fixed-format.js';
import { checkOverflowMode, checkRoundingMode } from '../fixed/rounding.js';
import { checkNoiseConfig, type NoiseSource } from '../noise/clt-gaussian.js';
import { type ReparamConfig, reparameterizeCodes } from '../reparam/reparameterize-codes.js';
import type { QuantizedMlp } from './quantized-mlp.js';
import { type QuantizedMlpResult, runQuantizedMlp } from './run-quantized-mlp.js';
import { validateQuantizedMlp } from './validate-quantized-mlp.js';

/** Tag of {@link QuantizedVae} data. */
export const QUANTIZED_VAE_FORMAT = 'latentkit.quantized-vae';

/**
 * A quantized VAE: encoder (last layer outputs `[μ | log σ²]`, 2·latentDim codes of one format),
 * the hardware reparameterization, and decoder. Self-contained, JSON-serializable.
 */
export interface QuantizedVae {
  /** Always {@link QUANTIZED_VAE_FORMAT}. */
  format: typeof QUANTIZED_VAE_FORMAT;
  /** Schema version, 1. */
  version: 1;
  /** Latent size. */
  latentDim: number;
  /** `x → [μ | log σ²]`. */
  encoder: QuantizedMlp;
  /** σ LUT, noise lanes and z format. */
  reparam: ReparamConfig;
  /** `z → x̂`; its first layer's input format is `reparam.latent`. */
  decoder: QuantizedMlp;
}

/**
 * Checks a {@link QuantizedVae}: both MLPs, sizes, the σ LUT, the noise lanes (one per latent
 * dimension) and `reparam.latent` = decoder input format.
 *
 * @throws {@link QuantizationError} and the errors of `validateQuantizedMlp`.
 *
 * @example
 * ```ts
 * import { validateQuantizedVae } from '@latentkit/quantize';
 *
 * const q = JSON.parse(text); // a QuantizedVae saved as JSON
 * validateQuantizedVae(q); // throws QuantizationError if a size, format, LUT or noise lane is off
 * ```
 */
export function validateQuantizedVae(q: QuantizedVae): void {
  if (!q || q.format !== QUANTIZED_VAE_FORMAT || q.version !== 1) {
    throw new QuantizationError(
      'inconsistent-model',
      `not a ${QUANTIZED_VAE_FORMAT} version 1 object`,
    );
  }
  validateQuantizedMlp(q.encoder);
  validateQuantizedMlp(q.decoder);
  const k = q.latentDim;
  const encOut = q.encoder.layers[q.encoder.layers.length - 1]!;
  if (!Number.isInteger(k) || k < 1 || encOut.outFeatures !== 2 * k) {
    throw new QuantizationError(
      'inconsistent-model',
      `encoder must output 2·latentDim = ${2 * k} codes`,
    );
  }
  const dec = q.decoder.layers[0]!;
  if (dec.inFeatures !== k) {
    throw new QuantizationError(
      'inconsistent-model',
      `decoder input width ${dec.inFeatures} ≠ latentDim ${k}`,
    );
  }
  const r = q.reparam;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) {
    throw new QuantizationError('inconsistent-model', 'reparam must be an object');
  }
  checkFormat(r.sigmaFormat, 'reparam.sigmaFormat');
  checkFormat(r.latent, 'reparam.latent');
  checkRoundingMode(r.rounding);
  checkOverflowMode(r.overflow);
  checkLutUnit(r.sigma, r.sigmaFormat, 'reparam.sigma');
  checkNoiseConfig(r.noise);
  if (r.noise.seeds.length !== k) {
    throw new QuantizationError(
      'inconsistent-model',
      `noise needs ${k} lanes, has ${r.noise.seeds.length}`,
    );
  }
  if (!formatsEqual(r.latent, dec.input)) {
    throw new QuantizationError(
      'inconsistent-model',
      `reparam.latent ${formatToString(r.latent)} ≠ decoder input ${formatToString(dec.input)}`,
    );
  }
}

/** Result of {@link runQuantizedVae}; all codes. */
export interface QuantizedVaeResult {
  /** μ codes (encoder output format). */
  mu: number[];
  /** log σ² codes (encoder output format). */
  logVar: number[];
  /** σ codes (`reparam.sigmaFormat`). */
  sigma: number[];
  /** ε codes (`reparam.noise.format`); zeros on the deterministic path. */
  eps: number[];
  /** z codes (`reparam.latent`). */
  z: number[];
  /** Decoder output codes. */
  output: number[];
  /** Encoder run (with traces when asked). */
  encoder: QuantizedMlpResult;
  /** Decoder run (with traces when asked). */
  decoder: QuantizedMlpResult;
}

/**
 * The golden model of a whole quantized VAE for one input vector: encoder, reparameterization
 * (z = μ + σ·ε with ε from `noise`, or ε = 0 — i.e. z = μ rounded into the latent format — when
 * no noise source is given), decoder.
 *
 * @param input - Codes of the encoder's input format.
 * @param options.noise - A running noise source for sampling (advanced by one sample).
 * @param options.trace - Record per-layer wires. Default `false`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createNoiseSource, runQuantizedVae } from '@latentkit/quantize';
 *
 * const det = runQuantizedVae(q, input); // input: codes of q.encoder.layers[0].input; z = μ
 * const noise = createNoiseSource(q.reparam.noise); // the RTL's noise generator, from its seeds
 * const sampled = runQuantizedVae(q, input, { noise }); // z = μ + σ·ε, bit-exact with the RTL
 * ```
 */
export function runQuantizedVae(
  q: QuantizedVae,
  input: ArrayLike<number>,
  options: { noise?: NoiseSource; trace?: boolean; validate?: boolean } = {},
): QuantizedVaeResult {
  requireKnownOptions(options, ['noise', 'trace', 'validate'], 'runQuantizedVae options');
  if (options.validate ?? true) validateQuantizedVae(q);
  const trace = options.trace ?? false;
  const encoder = runQuantizedMlp(q.encoder, input, { trace, validate: false });
  const k = q.latentDim;
  const mu = encoder.output.slice(0, k);
  const logVar = encoder.output.slice(k, 2 * k);
  const eps = options.noise ? options.noise.next() : new Array<number>(k).fill(0);
  if (eps.length !== k) {
    throw new QuantizationError('inconsistent-model', `noise gave ${eps.length} lanes, need ${k}`);
  }
  const encOut = q.encoder.layers[q.encoder.layers.length - 1]!.output;
  const sigma: number[] = [];
  const z: number[] = [];
  for (let j = 0; j < k; j++) {
    const r = reparameterizeCodes(mu[j]!, logVar[j]!, eps[j]!, encOut, q.reparam);
    sigma.push(r.sigma);
    z.push(r.z);
  }
  const decoder = runQuantizedMlp(q.decoder, z, { trace, validate: false });
  return { mu, logVar, sigma, eps, z, output: decoder.output, encoder, decoder };
}
