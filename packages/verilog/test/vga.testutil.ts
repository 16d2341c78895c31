/**
 * A small seeded random decoder whose output is a 28×28 image (latent 4 → 32 ReLU → 784
 * sigmoid, 16-bit), for the VGA top's end-to-end frame tests: small enough to build and simulate
 * in seconds, the same output shape as the MNIST decoder.
 */
import { createRng } from '@latentkit/core';
import { type QuantizedMlp, quantizeMlp } from '@latentkit/quantize';

export function smallImageDecoder(seed = 3): QuantizedMlp {
  const rng = createRng(seed);
  const normals = (n: number, s: number) =>
    Float64Array.from({ length: n }, () => s * rng.normal());
  const f = {
    layers: [
      {
        inFeatures: 4,
        outFeatures: 32,
        weight: normals(4 * 32, Math.sqrt(2 / 4)),
        bias: normals(32, 0.1),
        activation: 'relu' as const,
        name: 'fc1',
      },
      {
        inFeatures: 32,
        outFeatures: 784,
        weight: normals(32 * 784, Math.sqrt(2 / 32)),
        bias: normals(784, 0.5),
        activation: 'sigmoid' as const,
        name: 'out',
      },
    ],
  };
  return quantizeMlp(f, { calibration: normals(64 * 4, 1), bits: 16 });
}
