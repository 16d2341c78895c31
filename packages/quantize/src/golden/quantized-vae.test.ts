import { describe, expect, it } from 'vitest';
import { quantizeVae } from '../calibrate/quantize-vae.js';
import { QuantizationError } from '../errors/quantization-error.js';
import { dequantize, quantize } from '../fixed/quantize.js';
import type { FloatVae } from '../float/float-vae.js';
import { runFloatVae } from '../float/float-vae.js';
import { createNoiseSource } from '../noise/clt-gaussian.js';
import { runQuantizedVae, validateQuantizedVae } from './quantized-vae.js';

const vae: FloatVae = {
  encoder: {
    layers: [
      {
        inFeatures: 3,
        outFeatures: 4,
        activation: 'linear',
        weight: Float64Array.from({ length: 12 }, (_, i) => Math.sin(i) * 0.5),
        bias: new Float64Array(4),
      },
    ],
  },
  decoder: {
    layers: [
      {
        inFeatures: 2,
        outFeatures: 3,
        activation: 'sigmoid',
        weight: Float64Array.from({ length: 6 }, (_, i) => Math.cos(i)),
        bias: Float64Array.of(0.1, 0, -0.1),
      },
    ],
  },
};
const data = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 0.7) * 1.5);

describe('quantized VAE', () => {
  it('matches the float VAE on the z = μ path and round-trips through JSON', () => {
    const q = quantizeVae(vae, { calibration: data, bits: 16 });
    const copy = JSON.parse(JSON.stringify(q));
    validateQuantizedVae(copy);
    const fl = runFloatVae(vae, data.subarray(0, 3));
    const x = [...data.subarray(0, 3)].map((v) => quantize(v, q.encoder.layers[0]!.input));
    const r = runQuantizedVae(copy, x);
    const outFmt = q.decoder.layers[0]!.output;
    for (let j = 0; j < 3; j++)
      expect(dequantize(r.output[j]!, outFmt)).toBeCloseTo(fl.reconstruction[j]!, 3);
    expect(r.eps).toEqual([0, 0]);
    expect(runQuantizedVae(q, x)).toEqual(r);
  });

  it('samples with the noise lanes reproducibly', () => {
    const q = quantizeVae(vae, { calibration: data, bits: 12 });
    const x = [100, -50, 20];
    const a = runQuantizedVae(q, x, { noise: createNoiseSource(q.reparam.noise) });
    const b = runQuantizedVae(q, x, { noise: createNoiseSource(q.reparam.noise) });
    expect(a).toEqual(b);
    expect(a.eps.some((e) => e !== 0)).toBe(true);
    expect(a.z).not.toEqual(runQuantizedVae(q, x).z);
    const broken = structuredClone(q);
    broken.reparam.latent = { ...broken.reparam.latent, frac: broken.reparam.latent.frac + 1 };
    expect(() => validateQuantizedVae(broken)).toThrow(QuantizationError);
  });
});
