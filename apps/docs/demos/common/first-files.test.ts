import { describe, expect, it } from 'vitest';
import { MNIST_SUBSET_FILES, MODEL_FILES } from './asset-files.js';
import { FIRST_FILES, prefetchFirstFiles } from './first-files.js';

/** A fetch that records the URLs it is asked for and answers each with its own bytes. */
function recordingFetch(seen: string[]): typeof fetch {
  return (async (url: string) => {
    seen.push(url);
    return new Response(new TextEncoder().encode(url));
  }) as unknown as typeof fetch;
}

describe('first files per demo', () => {
  it('names the VQ-VAE and the test split for the VQ-VAE demo', () => {
    expect(FIRST_FILES['vq-vae']).toEqual([
      `models/${MODEL_FILES.vqVae}`,
      `data/${MNIST_SUBSET_FILES.testImages}`,
      `data/${MNIST_SUBSET_FILES.testLabels}`,
    ]);
  });

  it('starts fetching them under the asset base, once per URL', async () => {
    const seen: string[] = [];
    const base = 'http://localhost/first-files-test/';
    const urls = prefetchFirstFiles('vq-vae', { assetBase: base }, recordingFetch(seen));
    expect(urls).toEqual(FIRST_FILES['vq-vae']!.map((f) => `${base}${f}`));
    expect(seen).toEqual(urls);
    // A second prepare (or the session itself) reads the cache: no new request.
    prefetchFirstFiles('vq-vae', { assetBase: base }, recordingFetch(seen));
    expect(seen).toHaveLength(3);
  });

  it('starts nothing for an unknown demo or options without an asset base', () => {
    const seen: string[] = [];
    expect(prefetchFirstFiles('pca', { assetBase: '/assets/' }, recordingFetch(seen))).toEqual([]);
    expect(prefetchFirstFiles('toString', { assetBase: '/assets/' }, recordingFetch(seen))).toEqual(
      [],
    );
    expect(prefetchFirstFiles('vq-vae', {}, recordingFetch(seen))).toEqual([]);
    expect(prefetchFirstFiles('vq-vae', null, recordingFetch(seen))).toEqual([]);
    expect(seen).toEqual([]);
  });
});
