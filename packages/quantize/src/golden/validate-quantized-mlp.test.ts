import { describe, expect, it } from 'vitest';
import { quantizeMlp } from '../calibrate/quantize-mlp.js';
import { quantizeVae } from '../calibrate/quantize-vae.js';
import { QuantizationError } from '../errors/quantization-error.js';
import { validateQuantizedVae } from './quantized-vae.js';
import { parseQuantizedMlp } from './validate-quantized-mlp.js';

const layer = (inFeatures: number, outFeatures: number) => ({
  inFeatures,
  outFeatures,
  activation: 'relu' as const,
  weight: Float64Array.from({ length: inFeatures * outFeatures }, (_, i) => Math.sin(i + 1)),
  bias: new Float64Array(outFeatures),
});
const calibration = Float64Array.from({ length: 12 }, (_, i) => Math.cos(i));

// JSON read from a file can hold anything: every malformation is a QuantizationError, never a
// TypeError or SyntaxError from deep inside the validator.
describe('parseQuantizedMlp and validateQuantizedVae on malformed JSON', () => {
  const q = quantizeMlp({ layers: [layer(3, 2)] }, { calibration, bits: 8 });

  it('refuses a layer that is not an object, or a name that is not a string', () => {
    for (const bad of [null, 3, [], 'fc']) {
      expect(() => parseQuantizedMlp({ ...q, layers: [bad] })).toThrow(QuantizationError);
      expect(() => parseQuantizedMlp({ ...q, layers: [bad] })).toThrow(
        /layers\[0\] must be a layer object/,
      );
    }
    const named = { ...q, layers: [{ ...q.layers[0], name: { toString: 1 } }] };
    expect(() => parseQuantizedMlp(named)).toThrow(
      /layers\[0\]\.name an object is not a valid layer name/,
    );
  });

  it('refuses text that is not JSON or nests deeper than 32 levels, before parsing', () => {
    expect(parseQuantizedMlp(JSON.stringify(q))).toEqual(q);
    for (const text of ['', '{"format":', 'undefined']) {
      expect(() => parseQuantizedMlp(text)).toThrow(QuantizationError);
      expect(() => parseQuantizedMlp(text)).toThrow(/not valid JSON/);
    }
    const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
    expect(() => parseQuantizedMlp(deep)).toThrow(/nests deeper than 32 levels/);
  });

  it('refuses a VAE whose reparam is missing', () => {
    const vae = quantizeVae(
      { encoder: { layers: [layer(3, 4)] }, decoder: { layers: [layer(2, 3)] } },
      { calibration, bits: 12 },
    );
    expect(() => validateQuantizedVae(vae)).not.toThrow();
    for (const reparam of [undefined, null, 7]) {
      expect(() => validateQuantizedVae({ ...vae, reparam } as never)).toThrow(
        /reparam must be an object/,
      );
    }
    const noSigma = { ...vae, reparam: { ...vae.reparam, sigma: null } };
    expect(() => validateQuantizedVae(noSigma as never)).toThrow(QuantizationError);
  });
});
