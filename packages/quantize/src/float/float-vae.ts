import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import type { FloatMlp } from './float-mlp.js';
import { validateFloatMlp } from './float-mlp.js';
import { runFloatMlp } from './run-float-mlp.js';

/**
 * A float VAE as two MLPs. The encoder's last layer outputs `2 · latentDim` values per row,
 * `[μ | log σ²]` (μ first), normally with a `'linear'` activation; the decoder maps `latentDim`
 * values to the reconstruction (a `'sigmoid'` last layer for a Bernoulli decoder: outputs are
 * probabilities; `'linear'` for a Gaussian decoder: outputs are means).
 */
export interface FloatVae {
  /** `x → [μ | log σ²]`. */
  encoder: FloatMlp;
  /** `z → x̂`. */
  decoder: FloatMlp;
}

/**
 * Latent size of a VAE: half the encoder's output width.
 *
 * @throws {@link InvalidArgumentError} if the encoder has no layers.
 */
export function latentDimOf(vae: FloatVae): number {
  const layers = vae?.encoder?.layers;
  const last = Array.isArray(layers) ? layers.at(-1) : undefined;
  if (last === undefined) {
    throw new InvalidArgumentError('vae.encoder', 'needs at least one layer');
  }
  return last.outFeatures / 2;
}

/**
 * Checks a {@link FloatVae}: both MLPs valid, an even encoder output, decoder input = latent size.
 *
 * @throws {@link ShapeError} for mismatched sizes; the errors of `validateFloatMlp`.
 */
export function validateFloatVae(vae: FloatVae): void {
  validateFloatMlp(vae.encoder);
  validateFloatMlp(vae.decoder);
  const out = vae.encoder.layers[vae.encoder.layers.length - 1]!.outFeatures;
  if (out % 2 !== 0) {
    throw new ShapeError(`encoder: output width ${out} is not 2·latentDim ([μ | log σ²])`);
  }
  const din = vae.decoder.layers[0]!.inFeatures;
  if (din !== out / 2) {
    throw new ShapeError(`decoder: input width ${din} ≠ latentDim ${out / 2}`);
  }
}

/** Result of {@link runFloatVae} (float64, row-major). */
export interface FloatVaeResult {
  /** `[rows, latentDim]`. */
  mu: Float64Array;
  /** `[rows, latentDim]`, natural log of the variance. */
  logVar: Float64Array;
  /** Decoder output for `z = μ` (the deterministic reconstruction), `[rows, features]`. */
  reconstruction: Float64Array;
  /** Number of rows. */
  rows: number;
}

/**
 * Encodes, takes `z = μ` (no sampling) and decodes, in float64.
 *
 * @param input - `[rows, inFeatures]` row-major.
 *
 * @example
 * ```ts
 * import { floatVaeFromModel, runFloatVae } from '@latentkit/quantize';
 *
 * const vae = floatVaeFromModel(model.config, model.store.toRecord());
 * const { mu, logVar, reconstruction } = runFloatVae(vae, images.subarray(0, 784)); // one image
 * // mu, logVar: Float64Array [latentDim]; reconstruction: [784], the decoder's output for z = μ
 * ```
 */
export function runFloatVae(vae: FloatVae, input: ArrayLike<number>): FloatVaeResult {
  validateFloatVae(vae);
  const enc = runFloatMlp(vae.encoder, input);
  const k = latentDimOf(vae);
  const mu = new Float64Array(enc.rows * k);
  const logVar = new Float64Array(enc.rows * k);
  for (let r = 0; r < enc.rows; r++) {
    for (let j = 0; j < k; j++) {
      mu[r * k + j] = enc.output[r * 2 * k + j]!;
      logVar[r * k + j] = enc.output[r * 2 * k + k + j]!;
    }
  }
  const reconstruction = runFloatMlp(vae.decoder, mu).output;
  return { mu, logVar, reconstruction, rows: enc.rows };
}
