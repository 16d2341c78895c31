import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MNIST_SUBSET_FILES, MODEL_FILES } from '../common/asset-files.js';
import { loadMnistSubset, type MnistSubset, subsetFloats } from '../common/mnist-subset.js';
import { drawGrids } from './code-prior.js';
import {
  codeUsage,
  decodeGrids,
  nearestNeighbourNmse,
  reconstructThroughCodes,
  uniformGrids,
} from './vq-codes.js';
import {
  completeVqVaeModels,
  firstDetails,
  firstOutput,
  loadVqVaeCodec,
  loadVqVaeModels,
  sampleRow,
  subsetStatistics,
  type VqVaeModels,
} from './vq-vae-model.js';

const ASSETS = join(import.meta.dirname, '../../assets');
const file = (name: string) => new Uint8Array(readFileSync(join(ASSETS, 'models', name)));
const diskFetch = (async (url: string | URL) =>
  new Response(readFileSync(join(ASSETS, String(url).replace(/^\/assets\//, ''))))) as typeof fetch;

let models: VqVaeModels;
let subset: MnistSubset;
let references: Float32Array;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  models = loadVqVaeModels({
    vq: file(MODEL_FILES.vqVae),
    prior: file(MODEL_FILES.vqVaePrior),
    classifier: file(MODEL_FILES.classifier),
  });
  subset = await loadMnistSubset('/assets/', diskFetch);
  // 200 references keep the nearest-digit search quick.
  references = subsetFloats(subset.train, 0, 200);
  expect(Object.keys(MNIST_SUBSET_FILES)).toHaveLength(4);
}, 60_000);
afterAll(() => models?.dispose());

describe('the VQ-VAE demo model work (worker side)', () => {
  it('loads the shipped models with the training variance; a corrupt file leaks nothing', () => {
    expect(models.variance).toBeGreaterThan(0.05);
    expect(models.variance).toBeLessThan(0.2);
    expect(models.scores.prior.testBitsPerCode).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    expect(() =>
      loadVqVaeModels({
        vq: file(MODEL_FILES.vqVae),
        prior: file(MODEL_FILES.vqVaePrior),
        classifier: new Uint8Array([1, 2, 3]),
      }),
    ).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    // The VQ-VAE alone, then the rest: a corrupt prior frees what it made and leaves the codec.
    const codec = loadVqVaeCodec(file(MODEL_FILES.vqVae));
    expect(codec.variance).toBe(models.variance);
    const withCodec = tf.memory().numTensors;
    expect(() =>
      completeVqVaeModels(codec, {
        prior: new Uint8Array([1, 2, 3]),
        classifier: file(MODEL_FILES.classifier),
      }),
    ).toThrow();
    expect(tf.memory().numTensors).toBe(withCodec);
    const complete = completeVqVaeModels(codec, {
      prior: file(MODEL_FILES.vqVaePrior),
      classifier: file(MODEL_FILES.classifier),
    });
    expect(complete.scores.prior).toEqual(models.scores.prior);
    complete.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('firstOutput: the row equals the batched reconstruction of the same digits, the random row is the seeded uniform grids; firstDetails reads them', async () => {
    const before = tf.memory().numTensors;
    const out = await firstOutput(models, subset.test, { columns: 4, first: 1998 });
    // Clamped so a whole row fits.
    expect(out.start).toBe(1996);
    const bytes = subset.test.images.subarray(1990 * 784, 2000 * 784);
    const batch = await reconstructThroughCodes(models.model, bytes, 10, { batchSize: 10 });
    expect(out.codes).toEqual(batch.codes.slice(6 * 49));
    const recon = batch.images.slice(6 * 784);
    let worst = 0;
    for (let i = 0; i < recon.length; i++) {
      worst = Math.max(worst, Math.abs(recon[i]! - out.reconstructions[i]!));
    }
    expect(worst).toBeLessThan(1e-4);
    // NMSE from a float64 sum over the row.
    let sum = 0;
    for (let i = 0; i < out.originals.length; i++) {
      sum += (subset.test.images[1996 * 784 + i]! / 255 - out.reconstructions[i]!) ** 2;
    }
    expect(out.nmse).toBeCloseTo(sum / out.originals.length / models.variance, 6);
    expect(out.nmse).toBeLessThan(0.2);
    const grids = uniformGrids(4, 49, 128, createRng(0).fork('uniform-codes'));
    expect(out.random).toEqual(decodeGrids(models.model, grids, 4));
    const details = firstDetails(models, out, references);
    expect(details.realNearest).toBeCloseTo(
      nearestNeighbourNmse(out.originals, references, 784, models.variance),
      10,
    );
    expect(details.randomNearest).toBeGreaterThan(2 * details.realNearest);
    expect(details.realReadings.labels).toHaveLength(4);
    expect(details.randomReadings.labels).toHaveLength(4);
    expect(details.references).toBe(200);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('subsetStatistics counts every code of every test image and pauses between batches', async () => {
    const small: MnistSubset = {
      ...subset,
      test: { ...subset.test, count: 60, images: subset.test.images.subarray(0, 60 * 784) },
    };
    let pauses = 0;
    const stats = await subsetStatistics(models, small.test, {
      batchSize: 25,
      pause: async () => {
        pauses++;
      },
    });
    expect(pauses).toBe(2);
    expect(stats.count).toBe(60);
    expect(stats.counts.reduce((a, b) => a + b, 0)).toBe(60 * 49);
    const all = await reconstructThroughCodes(models.model, small.test.images, 60);
    const direct = codeUsage(all.codes, 128);
    expect(stats.counts).toEqual(direct.counts);
    expect(stats.usedCodes).toBe(direct.counts.filter((c) => c > 0).length);
    expect(stats.perplexity).toBeCloseTo(direct.perplexity, 10);
  }, 60_000);

  it('sampleRow decodes the grids drawGrids draws, reports each image, and stops when aborted', async () => {
    const seen: number[] = [];
    const row = await sampleRow(models, {
      columns: 3,
      seed: 5,
      temperature: 0.7,
      references,
      onImage: (g, image) => {
        seen.push(g);
        expect(image).toHaveLength(784);
      },
    });
    expect(seen).toEqual([0, 1, 2]);
    const grids = await drawGrids(models.prior, { n: 3, seed: 5, temperature: 0.7 });
    const expected = new Float32Array(3 * 784);
    for (let g = 0; g < 3; g++) {
      expected.set(decodeGrids(models.model, grids.subarray(g * 49, (g + 1) * 49), 1), g * 784);
    }
    expect(row.images).toEqual(expected);
    expect(row.nearest).toBeCloseTo(
      nearestNeighbourNmse(expected, references, 784, models.variance),
      10,
    );
    const controller = new AbortController();
    const aborted = sampleRow(models, {
      columns: 3,
      seed: 5,
      temperature: 0.7,
      references,
      signal: controller.signal,
      pause: async () => controller.abort(new Error('replaced')),
    });
    await expect(aborted).rejects.toThrow('replaced');
  }, 60_000);
});
