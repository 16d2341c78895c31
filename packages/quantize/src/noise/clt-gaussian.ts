import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkFormat, type FixedFormat, fixedFormat } from '../fixed/fixed-format.js';
import { quantize } from '../fixed/quantize.js';
import { applyOverflow, shiftRightRound } from '../fixed/rounding.js';
import { checkXorshiftSeed, laneSeeds, xorshift32 } from './xorshift32.js';

/**
 * A Gaussian noise source hardware can build (plain data: the RTL's constants):
 * one {@link xorshift32} generator per lane; a sample of lane ℓ is the sum of `uniforms`
 * successive words' top `uniformBits` bits (Irwin–Hall / central limit theorem), centred and
 * scaled to unit variance:
 *
 *   `S = Σ_{k=1..n} (s_k >>> (32 − U))`, `c = 2S − n·(2^U − 1)` (exactly zero-mean),
 *   `ε_code = sat_format( ⌊c · scale / 2^(U + 1 + scaleFrac − format.frac)⌋ )`
 *
 * with `scale = round(√(12/n) · 2^scaleFrac)` (exactly `2^scaleFrac` for n = 12: no multiplier)
 * and `⌊·⌋` an arithmetic right shift (or a left shift if the exponent is negative).
 * ε ≈ N(0, 1): variance `(12/n)·n·(2^{2U} − 1)/12 / 2^{2U} ≈ 1`; kurtosis `3 − 6/(5n)`.
 */
export interface NoiseConfig {
  /** Discriminant. */
  kind: 'cltXorshift32';
  /** Non-zero uint32 seed per lane (one lane per latent dimension). */
  seeds: number[];
  /** Uniform words summed per sample (n). */
  uniforms: number;
  /** Bits taken from the top of each word (U). */
  uniformBits: number;
  /** Scale code. */
  scale: number;
  /** Fraction bits of `scale`. */
  scaleFrac: number;
  /** Format of ε. */
  format: FixedFormat;
}

/** Options of {@link createNoiseConfig}. */
export interface NoiseConfigOptions {
  /** Number of lanes (latent dimensions). Required. */
  lanes: number;
  /** Seed from which the lane seeds are derived. Default 1. */
  seed?: number;
  /** Uniforms per sample, 1–64. Default 12. */
  uniforms?: number;
  /** Bits per uniform, 1–32. Default 12. */
  uniformBits?: number;
  /** Fraction bits of the scale constant. Default 16. */
  scaleFrac?: number;
  /** Format of ε. Default `s16.12` (range ±8 ⊃ the CLT's ±√(3n)). */
  format?: FixedFormat;
}

/**
 * Makes a validated {@link NoiseConfig}.
 *
 * @throws {@link InvalidArgumentError} for bad counts; {@link QuantizationError} for a bad format.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function createNoiseConfig(options: NoiseConfigOptions): NoiseConfig {
  requireKnownOptions(
    options,
    ['lanes', 'seed', 'uniforms', 'uniformBits', 'scaleFrac', 'format'],
    'createNoiseConfig options',
  );
  const uniforms = options.uniforms ?? 12;
  const uniformBits = options.uniformBits ?? 12;
  const scaleFrac = options.scaleFrac ?? 16;
  const format = options.format ?? fixedFormat(16, 12);
  const config: NoiseConfig = {
    kind: 'cltXorshift32',
    seeds: laneSeeds(options.seed ?? 1, options.lanes),
    uniforms,
    uniformBits,
    scale: quantize(Math.sqrt(12 / uniforms), fixedFormat(40, scaleFrac)),
    scaleFrac,
    format,
  };
  checkNoiseConfig(config);
  return config;
}

// unchecked options: a NoiseConfig is model data (from createNoiseConfig or JSON), not options.
/**
 * Checks a {@link NoiseConfig} (e.g. read from JSON).
 *
 * @throws {@link InvalidArgumentError}; {@link QuantizationError} for a bad format.
 */
export function checkNoiseConfig(c: NoiseConfig): void {
  if (c?.kind !== 'cltXorshift32')
    throw new InvalidArgumentError('noise.kind', 'must be cltXorshift32');
  if (!Array.isArray(c.seeds) || c.seeds.length < 1) {
    throw new InvalidArgumentError('noise.seeds', 'needs one seed per lane');
  }
  c.seeds.forEach((s, i) => {
    checkXorshiftSeed(s, `noise.seeds[${i}]`);
  });
  const int = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new InvalidArgumentError(what, `must be an integer in [${lo}, ${hi}], got ${v}`);
    }
  };
  int(c.uniforms, 1, 64, 'noise.uniforms');
  int(c.uniformBits, 1, 32, 'noise.uniformBits');
  int(c.scaleFrac, 0, 30, 'noise.scaleFrac');
  int(c.scale, 1, 2 ** 38, 'noise.scale');
  checkFormat(c.format, 'noise.format');
}

/** A running noise source: the bit-exact software twin of the hardware lanes. */
export interface NoiseSource {
  /** The configuration. */
  readonly config: NoiseConfig;
  /** Current generator state of every lane. */
  readonly states: readonly number[];
  /** Advances every lane by one sample and returns the ε codes, one per lane. */
  next(): number[];
}

// unchecked options: a NoiseConfig is model data (from createNoiseConfig or JSON), not options.
/**
 * Starts a {@link NoiseSource} at the configured seeds (same config → same codes).
 *
 * @example
 * ```ts
 * import { createNoiseSource, quantizeVae } from '@latentkit/quantize';
 *
 * const q = quantizeVae(vae, { calibration: images, bits: 8 }); // a 20-D latent
 * const noise = createNoiseSource(q.reparam.noise); // the configured seeds, one lane per dim
 * const eps = noise.next(); // number[20]: one ≈ N(0, 1) code per latent dimension, like the RTL
 * ```
 */
export function createNoiseSource(config: NoiseConfig): NoiseSource {
  checkNoiseConfig(config);
  const states = [...config.seeds];
  const { uniforms: n, uniformBits: u, scale, scaleFrac, format } = config;
  const offset = n * (2 ** u - 1);
  const shift = u + 1 + scaleFrac - format.frac;
  return {
    config,
    states,
    next() {
      return states.map((s0, lane) => {
        let s = s0;
        let sum = 0;
        for (let k = 0; k < n; k++) {
          s = xorshift32(s);
          sum += Math.floor(s / 2 ** (32 - u)); // s >>> (32 − U), exact for U up to 32
        }
        states[lane] = s;
        // |c·scale| ≤ 64·2^32·2^38 < 2^53 would not hold for extreme settings, but
        // c ≤ n·2^U ≤ 2^38 and scale ≤ 2^38 can exceed 2^53: use BigInt only then.
        const c = 2 * sum - offset;
        const prod = c * scale;
        const v = Number.isSafeInteger(prod)
          ? shiftRightRound(prod, shift, 'truncate')
          : Number((BigInt(c) * BigInt(scale)) >> BigInt(shift));
        return applyOverflow(v, format, 'saturate');
      });
    },
  };
}
