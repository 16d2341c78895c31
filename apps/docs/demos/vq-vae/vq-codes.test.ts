import { createModel, histogramStatistics, type Model } from '@latentkit/models';
import { InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeUsage,
  decodeGrids,
  nearestNeighbourNmse,
  normalizedMse,
  pixelVariance,
  reconstructThroughCodes,
  uniformGrids,
} from './vq-codes.js';

let model: Model;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  model = createModel(
    {
      kind: 'vqvae',
      inputShape: [28, 28, 1],
      latentDim: 4,
      encoder: { type: 'conv', channels: [4, 8] },
      outputStd: 0.2,
      quantizer: { type: 'vq', numCodes: 16 },
    },
    { seed: 3 },
  );
});
afterAll(() => model.dispose());

const bytes = (n: number) => Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);

describe('VQ-VAE code helpers', () => {
  it('reconstructThroughCodes = encodeIndices then decodeIndices, whatever the batch size', async () => {
    const n = 5;
    const x = bytes(n);
    let pauses = 0;
    const r = await reconstructThroughCodes(model, x, n, {
      batchSize: 2,
      pause: async () => {
        pauses++;
      },
    });
    // Batches of 2, 2 and 1: a pause between batches, none after the last.
    expect(pauses).toBe(2);
    expect(r.codes).toHaveLength(n * 49);
    const [idx, rec] = tf.tidy(() => {
      const i = model.vq!.encodeIndices(
        tf.tensor(
          Float32Array.from(x, (v) => v / 255),
          [n, 28, 28, 1],
        ),
      );
      return [i, model.vq!.decodeIndices(i)];
    });
    expect(Array.from(r.codes)).toEqual(Array.from(idx.dataSync()));
    const ref = rec.dataSync();
    for (let i = 0; i < ref.length; i += 97) expect(r.images[i]).toBeCloseTo(ref[i]!, 5);
    tf.dispose([idx, rec]);
    expect((await reconstructThroughCodes(model, x, n, { batchSize: 500 })).codes).toEqual(r.codes);
    // decodeGrids of the codes gives the reconstructions back.
    const back = decodeGrids(model, r.codes, n);
    for (let i = 0; i < back.length; i += 101) expect(back[i]).toBeCloseTo(r.images[i]!, 5);
  });

  it('frees its tensors', async () => {
    const before = tf.memory().numTensors;
    await reconstructThroughCodes(model, bytes(3), 3);
    decodeGrids(model, new Int32Array(2 * 49), 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a wrong length and a model that is not a VQ-VAE', async () => {
    await expect(reconstructThroughCodes(model, bytes(2), 3)).rejects.toThrow(InvalidArgumentError);
    const vae = createModel(
      { kind: 'vae', inputShape: [784], latentDim: 2, encoder: { type: 'mlp', hidden: [4] } },
      { seed: 0 },
    );
    expect(() => decodeGrids(vae, new Int32Array(49), 1)).toThrow(InvalidArgumentError);
    vae.dispose();
  });

  it('normalizedMse and pixelVariance match hand computations', () => {
    // originals 0 and 255 (→ 0, 1): variance 0.25; reconstructions off by 0.5 → MSE 0.25 → NMSE 1.
    expect(pixelVariance([0, 255, 0, 255])).toBeCloseTo(0.25, 12);
    expect(normalizedMse([0, 255], [0.5, 0.5], 0.25)).toBeCloseTo(1, 12);
    expect(normalizedMse([0.2, 0.4], [0.2, 0.6], 0.01, 1)).toBeCloseTo(2, 10);
    expect(() => normalizedMse([1], [1, 2], 1)).toThrow(InvalidArgumentError);
    expect(() => normalizedMse([1], [1], 0)).toThrow(InvalidArgumentError);
  });

  it('codeUsage: counts, usage and perplexity = exp(entropy)', () => {
    const u = codeUsage([0, 0, 1, 3], 4);
    expect(Array.from(u.counts)).toEqual([2, 1, 0, 1]);
    expect(u.usage).toBe(0.75);
    const entropy = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    expect(u.perplexity).toBeCloseTo(Math.exp(entropy), 12);
    expect(u).toMatchObject(histogramStatistics(u.counts, 1));
    expect(() => codeUsage([4], 4)).toThrow(InvalidArgumentError);
  });

  it('uniformGrids: seeded, in range, roughly uniform', () => {
    const a = uniformGrids(100, 49, 128, 7);
    expect(a).toEqual(uniformGrids(100, 49, 128, 7));
    expect(a).not.toEqual(uniformGrids(100, 49, 128, 8));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(128);
    expect(codeUsage(a, 128).usage).toBe(1); // 4900 draws: every code occurs (P(miss) ≈ 1e-15)
  });
});

describe('nearestNeighbourNmse', () => {
  it('is the mean over images of the smallest NMSE to any reference (brute force by hand)', () => {
    const refs = [0, 0, 0, 1, 1, 1, 0.5, 0, 1];
    // image 0 is nearest to ref 2 (sum 0.25 + 0 + 0 = 0.25); image 1 equals ref 1 (0).
    const images = [0.5, 0, 0.5, 1, 1, 1];
    const variance = 0.5;
    const expected = (0.25 / 3 / variance + 0) / 2;
    expect(nearestNeighbourNmse(images, refs, 3, variance)).toBeCloseTo(expected, 12);
    expect(nearestNeighbourNmse(refs, refs, 3, variance)).toBe(0);
  });

  it('refuses partial images, empty inputs and a variance ≤ 0', () => {
    expect(() => nearestNeighbourNmse([1, 2], [1, 2, 3], 3, 1)).toThrow(InvalidArgumentError);
    expect(() => nearestNeighbourNmse([1, 2, 3], [], 3, 1)).toThrow(/references/);
    expect(() => nearestNeighbourNmse([1, 2, 3], [1, 2, 3], 3, 0)).toThrow(/variance/);
    expect(() => nearestNeighbourNmse([1, 2, 3], [1, 2, 3], 0, 1)).toThrow(/pixels/);
  });
});
