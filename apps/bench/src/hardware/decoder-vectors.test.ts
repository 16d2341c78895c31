import {
  type FloatVae,
  quantize,
  quantizeVae,
  runQuantizedMlp,
  runQuantizedVae,
} from '@latentkit/quantize';
import { createRng } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { decoderVectors } from './decoder-vectors.js';

function randomVae(seed: number): { vae: FloatVae; data: Float64Array } {
  const rng = createRng(seed);
  const layer = (
    inF: number,
    outF: number,
    activation: 'relu' | 'sigmoid' | 'linear',
    name: string,
  ) => ({
    name,
    inFeatures: inF,
    outFeatures: outF,
    activation,
    weight: Float64Array.from({ length: inF * outF }, () => rng.normal() / Math.sqrt(inF)),
    bias: Float64Array.from({ length: outF }, () => 0.1 * rng.normal()),
  });
  const vae: FloatVae = {
    encoder: {
      layers: [layer(10, 8, 'relu', 'encoder.fc1'), layer(8, 6, 'linear', 'encoder.head')],
    },
    decoder: {
      layers: [layer(3, 8, 'relu', 'decoder.fc1'), layer(8, 10, 'sigmoid', 'decoder.out')],
    },
  };
  const data = Float64Array.from({ length: 40 * 10 }, () => rng.next());
  return { vae, data };
}

describe('decoderVectors', () => {
  it('feeds the decoder z = μ of the chosen rows and expects the golden outputs', () => {
    const { vae, data } = randomVae(4);
    const q = quantizeVae(vae, { calibration: data, bits: 12 });
    const { vectors, rows } = decoderVectors(q, data, [5, 0, 39]);
    expect(rows).toEqual([5, 0, 39]);
    expect(vectors.sample).toBe(false);
    rows.forEach((r, i) => {
      const x = Array.from(data.subarray(r * 10, r * 10 + 10), (v) =>
        quantize(v, q.encoder.layers[0]!.input),
      );
      const full = runQuantizedVae(q, x);
      expect(vectors.inputs[i]).toEqual(full.z);
      expect(vectors.expected[i]).toEqual(full.output);
      expect(vectors.expected[i]).toEqual(runQuantizedMlp(q.decoder, full.z).output);
    });
  });

  it('rejects rows outside the data', () => {
    const { vae, data } = randomVae(5);
    const q = quantizeVae(vae, { calibration: data, bits: 12 });
    expect(() => decoderVectors(q, data, [40])).toThrow(RangeError);
    expect(() => decoderVectors(q, data, [-1])).toThrow(RangeError);
  });
});
