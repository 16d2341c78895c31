import {
  decodeIdx,
  decodeMnist,
  type MnistData,
  type MnistSplit,
  mnistSplitFromIdx,
} from '@latentkit/datasets';
import { assetUrl, MNIST_SUBSET_FILES } from './asset-files.js';
import { fetchBytes } from './fetch-bytes.js';

/**
 * Images per split in the shipped MNIST subset: the first 2000 images of the MNIST training set
 * and the first 2000 of the test set, in their original order.
 */
export const MNIST_SUBSET_SIZE = 2000;

/**
 * The compact MNIST subset the site ships (`data/mnist-subset-*.gz`, four gzipped IDX files,
 * ≈ 0.65 MB): `train` and `test` hold {@link MNIST_SUBSET_SIZE} images each (grey levels 0–255,
 * `[n, 28, 28]` row-major) with their labels.
 */
export type MnistSubset = MnistData;

/**
 * Fetches and decodes the MNIST subset from `<assetBase>/data/` (gunzipped with
 * `DecompressionStream`; files a server already decompressed are read as they are).
 *
 * @param assetBase - Base URL of the asset folder.
 * @param fetchFn - The fetch function. Default `globalThis.fetch`.
 * @throws {Error} when a request fails; `IdxFormatError` for corrupt files.
 */
export async function loadMnistSubset(
  assetBase: string,
  fetchFn: typeof fetch = globalThis.fetch,
): Promise<MnistSubset> {
  const entries = Object.entries(MNIST_SUBSET_FILES) as [keyof typeof MNIST_SUBSET_FILES, string][];
  const bytes = await Promise.all(
    entries.map(([, file]) => fetchBytes(assetUrl(assetBase, `data/${file}`), fetchFn)),
  );
  const files = Object.fromEntries(entries.map(([key], i) => [key, bytes[i]!])) as Record<
    keyof typeof MNIST_SUBSET_FILES,
    Uint8Array
  >;
  return decodeMnist(files);
}

/**
 * Fetches and decodes one split of the MNIST subset (its images and labels files): what a
 * demo needs when it shows the other split only later. {@link MNIST_SUBSET_FILES} names them.
 *
 * @param assetBase - Base URL of the asset folder.
 * @param split - `'train'` or `'test'`.
 * @param bytesOf - Fetches a URL's bytes. Default `fetchBytes` (e.g. `fetchCached` instead, to
 *   share requests started earlier).
 * @throws {Error} when a request fails; `IdxFormatError` for corrupt files.
 */
export async function loadMnistSubsetSplit(
  assetBase: string,
  split: 'train' | 'test',
  bytesOf: (url: string) => Promise<Uint8Array> = (url) => fetchBytes(url),
): Promise<MnistSplit> {
  const files =
    split === 'train'
      ? [MNIST_SUBSET_FILES.trainImages, MNIST_SUBSET_FILES.trainLabels]
      : [MNIST_SUBSET_FILES.testImages, MNIST_SUBSET_FILES.testLabels];
  const [images, labels] = await Promise.all(
    files.map(async (file) => decodeIdx(await bytesOf(assetUrl(assetBase, `data/${file}`)))),
  );
  return mnistSplitFromIdx(images!, labels!);
}

/**
 * The images of a split as floats in [0, 1], `[count × 784]` (a new array).
 *
 * @param split - A split of the subset.
 * @param start - First image. Default 0.
 * @param count - Number of images. Default: to the end.
 * @throws {RangeError} for a range outside the split.
 */
export function subsetFloats(
  split: MnistSplit,
  start = 0,
  count = split.count - start,
): Float32Array {
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(count) ||
    start < 0 ||
    count < 1 ||
    start + count > split.count
  ) {
    throw new RangeError(`images ${start}…${start + count - 1} are outside 0…${split.count - 1}`);
  }
  const d = split.rows * split.cols;
  const out = new Float32Array(count * d);
  const src = split.images.subarray(start * d, (start + count) * d);
  for (let i = 0; i < out.length; i++) out[i] = src[i]! / 255;
  return out;
}
