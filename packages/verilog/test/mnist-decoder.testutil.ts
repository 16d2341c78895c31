/**
 * A seeded random float decoder of the MNIST VAE's reference shape (latent 20 → 400 ReLU →
 * 784 sigmoid), quantized with 16-bit activations and 8-bit weights (W8A16: 16-bit weights of
 * this size need ~157 RAMB36 at 2048 words each, over the XC7A100T's 135), for the bit-exactness
 * and resource checks. A trained decoder is not needed to prove the RTL equals the golden model.
 */

import { createRng, type Rng } from '@latentkit/core';
import {
  type FloatMlp,
  formatForMaxAbs,
  type QuantizedMlp,
  quantize,
  quantizeMlp,
} from '@latentkit/quantize';

function normals(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export function randomMnistDecoder(seed = 11, latent = 20, hidden = 400, out = 784): FloatMlp {
  const rng = createRng(seed);
  const layer = (inF: number, outF: number, activation: 'relu' | 'sigmoid', name: string) => {
    const weight = normals(rng, inF * outF).map((v) => v * Math.sqrt(2 / inF));
    const bias = normals(rng, outF).map((v) => 0.1 * v);
    return { inFeatures: inF, outFeatures: outF, weight, bias, activation, name };
  };
  return {
    layers: [
      layer(latent, hidden, 'relu', 'decoder.fc1'),
      layer(hidden, out, 'sigmoid', 'decoder.out'),
    ],
  };
}

export function quantizedMnistDecoder(seed = 11): { q: QuantizedMlp; calibration: Float64Array } {
  const f = randomMnistDecoder(seed);
  const rng = createRng(seed + 1);
  const calibration = normals(rng, 256 * 20);
  const q = quantizeMlp(f, {
    calibration,
    bits: 16,
    layers: f.layers.map((l) => ({ weightFormat: formatForMaxAbs(maxAbs(l.weight), 8) })),
  });
  return { q, calibration };
}

/** Latent input codes: standard normal draws (seeded) quantized into the decoder's input format. */
export function latentCodes(q: QuantizedMlp, rows: number, seed = 5): number[][] {
  const rng = createRng(seed);
  const fmt = q.layers[0]!.input;
  const z = normals(rng, rows * q.layers[0]!.inFeatures);
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    out.push(
      Array.from({ length: q.layers[0]!.inFeatures }, (_, i) =>
        quantize(1.5 * z[r * q.layers[0]!.inFeatures + i]!, fmt),
      ),
    );
  }
  return out;
}

/**
 * MAC lanes of the two layers: 8 for 20 → 400 and 49 for 400 → 784 (784 = 16 groups of 49):
 * 57 DSP48E1 and ~13k cycles per vector.
 */
export const MNIST_DECODER_LANES = [8, 49];
