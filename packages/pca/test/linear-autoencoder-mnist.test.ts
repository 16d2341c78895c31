import { initBackend } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { linearAutoencoderAngles } from '../src/linear-autoencoder.js';
import { loadMnistPixels } from './mnist-fixture.js';

describe('linear autoencoder on MNIST (k = 10)', () => {
  it('trained by gradient descent, spans PCA’s subspace: all principal angles < 5°', async () => {
    await initBackend({ backend: 'wasm' });
    // The first 10000 training images keep the test cheap (200 momentum-SGD steps); the PCA it is
    // compared with is the exact PCA of the same 10000 images, fitted inside.
    const { train } = loadMnistPixels();
    const n = 10000;
    const x = { data: train.data.subarray(0, n * 784), rows: n, cols: 784 };
    const result = linearAutoencoderAngles(x, {
      numComponents: 10,
      epochs: 20,
      batchSize: 1000,
      learningRate: 0.05,
      seed: 0,
    });
    expect(result.anglesDegrees.length).toBe(10);
    for (const a of result.anglesDegrees) expect(a).toBeLessThan(5);
    // Training really moved it: the loss fell from its start and approaches PCA's optimum
    // (Σ of discarded eigenvalues × (N−1)/N), from above.
    const pca = result.pca;
    const optimum =
      ((pca.totalVariance - pca.explainedVariance.reduce((s, v) => s + v, 0)) * (n - 1)) / n;
    const last = result.epochLosses[result.epochLosses.length - 1] as number;
    expect(result.epochLosses[0] as number).toBeGreaterThan(last);
    expect(last).toBeGreaterThan(optimum * 0.999);
    expect(last).toBeLessThan(optimum * 1.01);
  });
});
