import { describe, expect, it } from 'vitest';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { decodeMnist, fetchMnist } from './fetch-mnist.js';

async function gzipWeb(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const files = {
  trainImages: encodeIdx({
    dtype: 'uint8',
    dims: [3, 2, 2],
    data: Uint8Array.from({ length: 12 }, (_, i) => i * 20),
  }),
  trainLabels: encodeIdx({ dtype: 'uint8', dims: [3], data: Uint8Array.of(3, 1, 4) }),
  testImages: encodeIdx({ dtype: 'uint8', dims: [1, 2, 2], data: Uint8Array.of(0, 255, 0, 255) }),
  testLabels: encodeIdx({ dtype: 'uint8', dims: [1], data: Uint8Array.of(9) }),
};

describe('decodeMnist / fetchMnist (browser path)', () => {
  it('decodes a mix of gzipped and plain files', async () => {
    const data = await decodeMnist({ ...files, trainImages: await gzipWeb(files.trainImages) });
    expect(data.train.count).toBe(3);
    expect(data.train.images[11]).toBe(220);
    expect(Array.from(data.test.labels)).toEqual([9]);
  });

  it('fetches the four URLs with the given fetch', async () => {
    const served = new Map<string, Uint8Array>([
      ['/mnist/train-images-idx3-ubyte.gz', await gzipWeb(files.trainImages)],
      ['/mnist/train-labels-idx1-ubyte.gz', await gzipWeb(files.trainLabels)],
      ['/mnist/t10k-images-idx3-ubyte.gz', await gzipWeb(files.testImages)],
      ['/mnist/t10k-labels-idx1-ubyte.gz', await gzipWeb(files.testLabels)],
    ]);
    const requested: string[] = [];
    const fakeFetch = async (url: string): Promise<Response> => {
      requested.push(url);
      const body = served.get(url);
      return body ? new Response(body.slice()) : new Response('missing', { status: 404 });
    };
    const urls = {
      trainImages: '/mnist/train-images-idx3-ubyte.gz',
      trainLabels: '/mnist/train-labels-idx1-ubyte.gz',
      testImages: '/mnist/t10k-images-idx3-ubyte.gz',
      testLabels: '/mnist/t10k-labels-idx1-ubyte.gz',
    };
    const data = await fetchMnist(urls, { fetch: fakeFetch });
    expect(requested.sort()).toEqual([...served.keys()].sort());
    expect(Array.from(data.train.labels)).toEqual([3, 1, 4]);
    await expect(
      fetchMnist({ ...urls, testLabels: '/nope' }, { fetch: fakeFetch }),
    ).rejects.toThrow(DatasetUnavailableError);
    await expect(
      fetchMnist(urls, {
        fetch: async () => {
          throw new TypeError('network down');
        },
      }),
    ).rejects.toThrow(/could not fetch/);
  });

  it('refuses incomplete file sets', async () => {
    await expect(decodeMnist({ ...files, testLabels: undefined as never })).rejects.toThrow(
      /testLabels: is missing/,
    );
  });

  it('passes the signal to fetch and rejects with its reason when aborted', async () => {
    const urls = { trainImages: 'a', trainLabels: 'b', testImages: 'c', testLabels: 'd' };
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    // A fetch that never answers until its signal aborts, as a real slow download.
    const hanging = (_url: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_resolve, reject) => {
        seen.push(init?.signal);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const run = fetchMnist(urls, { fetch: hanging, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s === controller.signal)).toBe(true);
    // Already aborted: nothing is requested.
    const before = seen.length;
    const reason = new Error('stopped');
    await expect(
      fetchMnist(urls, { fetch: hanging, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(seen).toHaveLength(before);
  });
});
