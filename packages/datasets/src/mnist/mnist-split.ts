import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { IdxFormatError } from '../errors/idx-format-error.js';
import type { IdxArray } from '../idx/idx-dtype.js';
import { parseIdx } from '../idx/parse-idx.js';
import { checkInteger } from '../internal/check-options.js';

/**
 * One split of MNIST (or Fashion-MNIST, or any IDX image/label pair) as compact typed arrays.
 *
 * `images` holds `count × rows × cols` grey levels 0–255 (0 = background for MNIST) in row-major
 * order: image `i` is `images.subarray(i * rows * cols, (i + 1) * rows * cols)`, so the same buffer
 * is both `[count, rows, cols]` and `[count, rows * cols]` (`[N, 784]` for MNIST). Scale with
 * {@link mnistBatch} or {@link toFloatPixels} when you need floats in [0, 1].
 */
export interface MnistSplit {
  /** Grey levels 0–255, `[count, rows, cols]` row-major. */
  images: Uint8Array;
  /** Class labels, one per image, each in `[0, numClasses)` (digits 0–9 for MNIST). */
  labels: Uint8Array;
  /** Number of images (60000 for the MNIST training set, 10000 for the test set). */
  count: number;
  /** Image height in pixels (28). */
  rows: number;
  /** Image width in pixels (28). */
  cols: number;
}

/** The two standard MNIST splits. */
export interface MnistData {
  /** 60000 training images. */
  train: MnistSplit;
  /** 10000 test images. */
  test: MnistSplit;
}

/** The four files of an MNIST-style dataset, in any representation `T` (bytes, URLs, paths). */
export interface MnistFiles<T> {
  /** `train-images-idx3-ubyte` (uint8, 3 dimensions). */
  trainImages: T;
  /** `train-labels-idx1-ubyte` (uint8, 1 dimension). */
  trainLabels: T;
  /** `t10k-images-idx3-ubyte`. */
  testImages: T;
  /** `t10k-labels-idx1-ubyte`. */
  testLabels: T;
}

/** The standard file names of the original distribution (add `.gz` for the compressed files). */
export const MNIST_FILE_NAMES: Readonly<MnistFiles<string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Options of {@link mnistSplitFromIdx} and {@link mnistFromIdx}. */
export interface MnistSplitOptions {
  /** Labels must lie in `[0, numClasses)`. Default 10 (MNIST, Fashion-MNIST). */
  numClasses?: number;
}

/**
 * Builds an {@link MnistSplit} from an images file and a labels file (uncompressed bytes or
 * already-parsed {@link IdxArray}s), checking that they fit together.
 *
 * @param images - IDX uint8 array of 3 dimensions `[count, rows, cols]`.
 * @param labels - IDX uint8 array of 1 dimension `[count]`.
 * @param options - See {@link MnistSplitOptions}.
 * @throws {@link IdxFormatError} for corrupt files (see {@link parseIdx}) and, with problem
 *   `'wrong-kind'`, for a wrong dtype or rank, differing counts, or a label ≥ `numClasses`.
 *
 * @example
 * ```ts
 * import { mnistSplitFromIdx } from '@latentkit/datasets';
 *
 * const test = mnistSplitFromIdx(imagesBytes, labelsBytes); // uncompressed IDX bytes
 * // → { images: Uint8Array(10000 · 784), labels: Uint8Array(10000), count: 10000, rows: 28, cols: 28 }
 * ```
 */
export function mnistSplitFromIdx(
  images: IdxArray | Uint8Array,
  labels: IdxArray | Uint8Array,
  options: MnistSplitOptions = {},
): MnistSplit {
  requireKnownOptions(options, ['numClasses'], 'mnistSplitFromIdx');
  const numClasses = checkInteger(options.numClasses ?? 10, 'numClasses', 1, 256);
  const img = asIdx(images, 'images');
  const lab = asIdx(labels, 'labels');
  if (img.dtype !== 'uint8' || img.dims.length !== 3) {
    throw new IdxFormatError(
      'wrong-kind',
      `images must be uint8 with 3 dimensions [count, rows, cols], got ${img.dtype} [${img.dims.join(', ')}]`,
    );
  }
  if (lab.dtype !== 'uint8' || lab.dims.length !== 1) {
    throw new IdxFormatError(
      'wrong-kind',
      `labels must be uint8 with 1 dimension [count], got ${lab.dtype} [${lab.dims.join(', ')}]`,
    );
  }
  const [count, rows, cols] = img.dims as [number, number, number];
  if (lab.dims[0] !== count) {
    throw new IdxFormatError(
      'wrong-kind',
      `the images file has ${count} images but the labels file has ${lab.dims[0]} labels`,
    );
  }
  const labelData = lab.data as Uint8Array;
  for (let i = 0; i < labelData.length; i++) {
    if (labelData[i]! >= numClasses) {
      throw new IdxFormatError(
        'wrong-kind',
        `label ${i} is ${labelData[i]}, outside [0, ${numClasses})`,
      );
    }
  }
  return { images: img.data as Uint8Array, labels: labelData, count, rows, cols };
}

/**
 * Builds {@link MnistData} from the four uncompressed files (bytes or parsed arrays). For gzip
 * input use {@link decodeMnist}; to read files in Node use `loadMnist` from
 * `@latentkit/datasets/node`.
 *
 * @param files - The four files.
 * @param options - See {@link MnistSplitOptions}.
 * @throws {@link IdxFormatError} as {@link mnistSplitFromIdx}; also if train and test images
 *   differ in size.
 *
 * @example
 * ```ts
 * import { mnistFromIdx } from '@latentkit/datasets';
 *
 * // the four files' uncompressed bytes (or already parsed IDX arrays)
 * const mnist = mnistFromIdx({ trainImages, trainLabels, testImages, testLabels });
 * mnist.test.count; // → 10000
 * ```
 */
export function mnistFromIdx(
  files: MnistFiles<IdxArray | Uint8Array>,
  options: MnistSplitOptions = {},
): MnistData {
  if (files === null || typeof files !== 'object') {
    throw new InvalidArgumentError('files', 'must be an object with the four MNIST files');
  }
  requireKnownOptions(files, Object.keys(MNIST_FILE_NAMES), 'mnistFromIdx files');
  const train = mnistSplitFromIdx(files.trainImages, files.trainLabels, options);
  const test = mnistSplitFromIdx(files.testImages, files.testLabels, options);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new IdxFormatError(
      'wrong-kind',
      `train images are ${train.rows}×${train.cols} but test images are ${test.rows}×${test.cols}`,
    );
  }
  return { train, test };
}

function asIdx(x: IdxArray | Uint8Array, name: string): IdxArray {
  if (x instanceof Uint8Array) return parseIdx(x);
  if (x === null || typeof x !== 'object' || !ArrayBuffer.isView((x as IdxArray).data)) {
    throw new InvalidArgumentError(name, 'must be IDX bytes (Uint8Array) or a parsed IdxArray');
  }
  return x;
}
