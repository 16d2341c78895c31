import { requireKnownOptions } from '@latentkit/core';
import { buildLutUnit } from '../activations/lut-unit.js';
import { type FixedFormat, fixedFormat, maxCode, minCode } from '../fixed/fixed-format.js';
import { formatForMaxAbs } from '../fixed/format-for-range.js';
import { type FloatVae, runFloatVae, validateFloatVae } from '../float/float-vae.js';
import {
  QUANTIZED_VAE_FORMAT,
  type QuantizedVae,
  validateQuantizedVae,
} from '../golden/quantized-vae.js';
import { createNoiseConfig, type NoiseConfigOptions } from '../noise/clt-gaussian.js';
import { type QuantizeMlpOptions, quantizeMlp } from './quantize-mlp.js';

/** Options of {@link quantizeVae}: those of `quantizeMlp` (shared by both MLPs) plus these. */
export interface QuantizeVaeOptions extends Omit<QuantizeMlpOptions, 'layers' | 'inputFormat'> {
  /** Hand-set formats of encoder layers. */
  encoderLayers?: QuantizeMlpOptions['layers'];
  /** Hand-set formats of decoder layers. */
  decoderLayers?: QuantizeMlpOptions['layers'];
  /** Encoder input format (default from the calibration range). */
  inputFormat?: FixedFormat;
  /** z's range is max(|μ| + margin·σ) over the calibration set. Default 3. */
  latentMargin?: number;
  /** Address bits of the interpolated σ = exp(½ log σ²) LUT. Default 8. */
  sigmaAddressBits?: number;
  /** Noise lanes (lanes = latentDim is set for you). Default format `s<bits>.<bits−4>`. */
  noise?: Omit<NoiseConfigOptions, 'lanes'>;
}

/**
 * Quantizes a float VAE: the encoder with `quantizeMlp` on the calibration inputs; z's format
 * for the range max(|μ| + latentMargin·σ) seen on them; the decoder calibrated on the μ of the
 * calibration inputs with that input format; an interpolated `exp(v/2)` LUT for σ over the
 * observed log σ² range widened by 1 on each side (clipped to the encoder output format), with
 * σ's format sized for its largest entry; and CLT noise lanes.
 *
 * @throws the errors of `quantizeMlp` and `validateFloatVae`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { floatVaeFromModel, quantizeArray, quantizeVae, runQuantizedVae } from '@latentkit/quantize';
 *
 * const vae = floatVaeFromModel(model.config, model.store.toRecord()); // a trained MLP VAE
 * const q = quantizeVae(vae, { calibration: images, bits: 8 }); // images: Float32Array [n · 784]
 * const x = quantizeArray(images.subarray(0, 784), q.encoder.layers[0]!.input); // one image's codes
 * const { z, output } = runQuantizedVae(q, x); // codes, bit-exact with the RTL
 * ```
 */
export function quantizeVae(vae: FloatVae, options: QuantizeVaeOptions): QuantizedVae {
  requireKnownOptions(
    options,
    [
      'encoderLayers',
      'decoderLayers',
      'inputFormat',
      'latentMargin',
      'sigmaAddressBits',
      'noise',
      'calibration',
      'bits',
      'percentile',
      'rounding',
      'overflow',
      'activations',
    ],
    'quantizeVae options',
  );
  validateFloatVae(vae);
  const bits = options.bits ?? 16;
  const {
    encoderLayers,
    decoderLayers,
    latentMargin = 3,
    sigmaAddressBits = 8,
    noise,
    ...shared
  } = options;
  const encoder = quantizeMlp(vae.encoder, { ...shared, layers: encoderLayers });
  const run = runFloatVae(vae, options.calibration);
  const k = run.mu.length / run.rows;
  let zMax = 0;
  let lvLo = Infinity;
  let lvHi = -Infinity;
  for (let i = 0; i < run.mu.length; i++) {
    const lv = run.logVar[i]!;
    zMax = Math.max(zMax, Math.abs(run.mu[i]!) + latentMargin * Math.exp(lv / 2));
    lvLo = Math.min(lvLo, lv);
    lvHi = Math.max(lvHi, lv);
  }
  const latent = formatForMaxAbs(zMax, bits);
  const { calibration: _c, inputFormat: _i, ...decShared } = shared as QuantizeMlpOptions;
  const decoder = quantizeMlp(vae.decoder, {
    ...decShared,
    calibration: run.mu,
    inputFormat: latent,
    layers: decoderLayers,
  });
  const encOut = encoder.layers[encoder.layers.length - 1]!.output;
  const scale = 2 ** -encOut.frac;
  const lo = Math.max(minCode(encOut) * scale, lvLo - 1);
  const hi = Math.min(maxCode(encOut) * scale, lvHi + 1);
  const sigmaFormat = formatForMaxAbs(Math.exp(hi / 2), bits);
  const sigma = buildLutUnit('expHalf', encOut, sigmaFormat, {
    lo,
    hi: Math.max(hi, lo + scale),
    addressBits: sigmaAddressBits,
    interpolate: true,
  });
  const q: QuantizedVae = {
    format: QUANTIZED_VAE_FORMAT,
    version: 1,
    latentDim: k,
    encoder,
    reparam: {
      sigma,
      sigmaFormat,
      noise: createNoiseConfig({ format: fixedFormat(bits, bits - 4), ...noise, lanes: k }),
      latent,
      rounding: options.rounding ?? 'half-even',
      overflow: options.overflow ?? 'saturate',
    },
    decoder,
  };
  validateQuantizedVae(q);
  return q;
}
