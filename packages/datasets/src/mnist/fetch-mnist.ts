import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import { decodeIdx } from '../idx/decode-idx.js';
import { MNIST_FILE_NAMES, type MnistData, type MnistFiles, mnistFromIdx } from './mnist-split.js';

/** Options of {@link decodeMnist}. */
export interface DecodeMnistOptions {
  /** Labels must lie in `[0, numClasses)`. Default 10. */
  numClasses?: number;
  /** Cap on each file's decompressed size in bytes. Default 1 GiB. */
  maxBytes?: number;
}

/** Options of {@link fetchMnist}. */
export interface FetchMnistOptions extends DecodeMnistOptions {
  /** The `fetch` function to use. Default `globalThis.fetch`. It receives `{ signal }`. */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  /**
   * Aborts the downloads (passed to `fetch`) and the decoding; the call rejects with the signal's
   * reason (an `AbortError` `DOMException` by default).
   */
  signal?: AbortSignal;
}

/**
 * Builds {@link MnistData} from the four files' bytes, each either uncompressed IDX or gzipped
 * (`.gz`, detected by its magic number; decompressed with `DecompressionStream`, so this works in
 * browsers). The same works for Fashion-MNIST files.
 *
 * @param files - The four files' contents.
 * @param options - See {@link DecodeMnistOptions}.
 * @throws {@link IdxFormatError} for corrupt or mismatched files.
 *
 * @example
 * ```ts
 * import { decodeMnist } from '@latentkit/datasets';
 *
 * const get = async (name: string) => new Uint8Array(await (await fetch(`/data/${name}`)).arrayBuffer());
 * const mnist = await decodeMnist({
 *   trainImages: await get('train-images-idx3-ubyte.gz'),
 *   trainLabels: await get('train-labels-idx1-ubyte.gz'),
 *   testImages: await get('t10k-images-idx3-ubyte.gz'),
 *   testLabels: await get('t10k-labels-idx1-ubyte.gz'),
 * }); // mnist.train.images: Uint8Array(60000 · 784), grey levels 0–255
 * ```
 */
export async function decodeMnist(
  files: MnistFiles<Uint8Array | ArrayBuffer>,
  options: DecodeMnistOptions = {},
): Promise<MnistData> {
  requireKnownOptions(options, ['numClasses', 'maxBytes'], 'decodeMnist');
  checkFiles(files, 'files');
  const gz = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    decodeIdx(files.trainImages, gz),
    decodeIdx(files.trainLabels, gz),
    decodeIdx(files.testImages, gz),
    decodeIdx(files.testLabels, gz),
  ]);
  const split = options.numClasses === undefined ? {} : { numClasses: options.numClasses };
  return mnistFromIdx({ trainImages, trainLabels, testImages, testLabels }, split);
}

/**
 * Downloads and decodes MNIST (or Fashion-MNIST) from four URLs, e.g. files you serve beside your
 * app. Nothing is fetched from the internet unless you pass such URLs; gzipped files are fine.
 *
 * @param urls - URL of each of the four files.
 * @param options - See {@link FetchMnistOptions}.
 * @throws {@link DatasetUnavailableError} if a request fails or answers with an HTTP error.
 * @throws {@link IdxFormatError} for corrupt or mismatched files.
 * @throws The signal's reason when `options.signal` aborts.
 *
 * @example
 * ```ts
 * import { fetchMnist } from '@latentkit/datasets';
 *
 * const mnist = await fetchMnist({
 *   trainImages: '/data/train-images-idx3-ubyte.gz',
 *   trainLabels: '/data/train-labels-idx1-ubyte.gz',
 *   testImages: '/data/t10k-images-idx3-ubyte.gz',
 *   testLabels: '/data/t10k-labels-idx1-ubyte.gz',
 * }); // { train: 60000 images, test: 10000 }, 28 × 28 grey levels 0–255
 * ```
 */
export async function fetchMnist(
  urls: MnistFiles<string | URL>,
  options: FetchMnistOptions = {},
): Promise<MnistData> {
  requireKnownOptions(options, ['numClasses', 'maxBytes', 'fetch', 'signal'], 'fetchMnist');
  const { signal } = options;
  signal?.throwIfAborted();
  checkFiles(urls, 'urls');
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') {
    throw new DatasetUnavailableError('no fetch function available; pass options.fetch');
  }
  const get = async (url: string | URL): Promise<Uint8Array> => {
    let response: Response;
    try {
      response = await doFetch(String(url), signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new DatasetUnavailableError(`could not fetch ${String(url)}`, error);
    }
    if (!response.ok) {
      throw new DatasetUnavailableError(`fetching ${String(url)} failed: HTTP ${response.status}`);
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new DatasetUnavailableError(`reading ${String(url)} failed`, error);
    }
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    get(urls.trainImages),
    get(urls.trainLabels),
    get(urls.testImages),
    get(urls.testLabels),
  ]);
  signal?.throwIfAborted();
  const { fetch: _ignored, signal: _signal, ...rest } = options;
  return decodeMnist({ trainImages, trainLabels, testImages, testLabels }, rest);
}

function checkFiles(files: unknown, name: string): void {
  if (files === null || typeof files !== 'object') {
    throw new InvalidArgumentError(name, 'must be an object with the four MNIST files');
  }
  requireKnownOptions(files, Object.keys(MNIST_FILE_NAMES), name);
  for (const key of Object.keys(MNIST_FILE_NAMES)) {
    if ((files as Record<string, unknown>)[key] === undefined) {
      throw new InvalidArgumentError(`${name}.${key}`, 'is missing');
    }
  }
}
