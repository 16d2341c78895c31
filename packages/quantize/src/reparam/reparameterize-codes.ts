import { toFormatWith } from '../activations/big-fixed.js';
import { type LutUnit, lutCode } from '../activations/lut-unit.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import type { OverflowMode, RoundingMode } from '../fixed/rounding.js';
import type { NoiseConfig } from '../noise/clt-gaussian.js';

/**
 * Hardware reparameterization `z = μ + σ·ε` (plain data: the RTL's constants).
 *
 * Per latent dimension, with μ and log σ² codes of the encoder's output format `E`:
 *
 * 1. `σ = sigma(logVar)`: a {@link LutUnit} tabulating `exp(v/2)` (fn `'expHalf'`), input format
 *    `E`, output format `sigmaFormat` (interpolated LUT rounding with `rounding`).
 * 2. `ε` from the noise lanes (`noise`, format `noise.format`), or 0 for the deterministic path.
 * 3. The exact value `μ·2^(G−E.frac) + σ·ε·2^(G − sigmaFormat.frac − noise.format.frac)` with
 *    `G = max(E.frac, sigmaFormat.frac + noise.format.frac)` (one multiplier, one adder),
 *    rounded into `latent` with `rounding` and `overflow`.
 *
 * `latent` equals the decoder's input format.
 */
export interface ReparamConfig {
  /** `exp(v/2)` LUT from the encoder output format to `sigmaFormat`. */
  sigma: LutUnit;
  /** Format of σ. */
  sigmaFormat: FixedFormat;
  /** Gaussian noise lanes (one per latent dimension). */
  noise: NoiseConfig;
  /** Format of z (= the decoder's input format). */
  latent: FixedFormat;
  /** Rounding of the σ interpolation and of z. */
  rounding: RoundingMode;
  /** Overflow handling of z. */
  overflow: OverflowMode;
}

/** σ and z codes of one latent dimension. */
export interface ReparamCodes {
  /** σ code (`sigmaFormat`). */
  sigma: number;
  /** z code (`latent`). */
  z: number;
}

// unchecked options: a ReparamConfig is model data (a QuantizedVae's reparam), not options.
/**
 * Integer reparameterization of one latent dimension (see {@link ReparamConfig}).
 *
 * @param mu - μ code of `encoderOutput`.
 * @param logVar - log σ² code of `encoderOutput`.
 * @param eps - ε code of `config.noise.format` (0 gives z = μ rounded into `latent`).
 */
export function reparameterizeCodes(
  mu: number,
  logVar: number,
  eps: number,
  encoderOutput: FixedFormat,
  config: ReparamConfig,
): ReparamCodes {
  const sigma = lutCode(config.sigma, logVar, config.sigmaFormat, config.rounding);
  const fe = encoderOutput.frac;
  const fp = config.sigmaFormat.frac + config.noise.format.frac;
  const g = Math.max(fe, fp);
  const v = (BigInt(mu) << BigInt(g - fe)) + ((BigInt(sigma) * BigInt(eps)) << BigInt(g - fp));
  const z = toFormatWith(v, g, config.latent, config.rounding, config.overflow);
  return { sigma, z };
}
