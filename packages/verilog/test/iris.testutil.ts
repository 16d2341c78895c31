/** The trained 16-bit Iris VAE of @latentkit/quantize's tests and ≥ 1000 input vectors for it. */

import { createRng } from '@latentkit/core';
import { type QuantizedVae, quantize, quantizeVae } from '@latentkit/quantize';
import { trainIrisVae } from '../../quantize/src/report/iris-vae.testutil.js';

export interface IrisSetup {
  q: QuantizedVae;
  inputs: number[][];
}

/**
 * Trains the Iris VAE (4 → 16 tanh → 2-d latent → 16 ReLU → 4), quantizes it to 16 bits and
 * returns `count` input vectors: all 150 Iris rows (standardized), then seeded random rows —
 * half Gaussian around the data (σ = 1.5), half uniform over every input code (saturating paths).
 */
export async function irisSetup(count = 1000): Promise<IrisSetup> {
  const f = await trainIrisVae();
  const q = quantizeVae(f.vae, { calibration: f.train, bits: 16 });
  const fmt = q.encoder.layers[0]!.input;
  const inputs: number[][] = [];
  for (const rows of [f.train, f.test]) {
    for (let r = 0; r * 4 < rows.length; r++) {
      inputs.push(Array.from(rows.subarray(r * 4, r * 4 + 4), (x) => quantize(x, fmt)));
    }
  }
  const rng = createRng(2024);
  const half = 2 ** (fmt.width - 1);
  while (inputs.length < count) {
    const gauss = inputs.length % 2 === 0;
    inputs.push(
      Array.from({ length: 4 }, () =>
        gauss ? quantize(1.5 * rng.normal(), fmt) : Math.floor(rng.next() * 2 * half) - half,
      ),
    );
  }
  return { q, inputs };
}
