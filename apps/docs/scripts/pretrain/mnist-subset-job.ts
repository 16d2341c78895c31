import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx, type MnistSplit } from '@latentkit/datasets';
import { MNIST_SUBSET_FILES } from '../../demos/common/asset-files.js';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { ManifestDataEntry } from '../../demos/common/model-manifest.js';
import type { PretrainJob } from './pretrain-job.js';
import { sha256Hex } from './save-pretrained.js';

/** The first `n` images and labels of a split as two gzipped IDX files (deterministic bytes). */
export function subsetIdxFiles(
  split: MnistSplit,
  n: number,
): { images: Uint8Array; labels: Uint8Array } {
  const d = split.rows * split.cols;
  const images = encodeIdx({
    dtype: 'uint8',
    dims: [n, split.rows, split.cols],
    data: split.images.slice(0, n * d),
  });
  const labels = encodeIdx({ dtype: 'uint8', dims: [n], data: split.labels.slice(0, n) });
  // gzip header without a timestamp (zlib's default), so reruns write identical bytes.
  return { images: gzipSync(images, { level: 9 }), labels: gzipSync(labels, { level: 9 }) };
}

/** Writes the MNIST subset the browser demos load (`assets/data/mnist-subset-*.gz`). */
export const mnistSubsetJob: PretrainJob = {
  id: 'mnist-subset',
  description: `MNIST subset for the browser: the first ${MNIST_SUBSET_SIZE} training and ${MNIST_SUBSET_SIZE} test images (gzipped IDX)`,
  async run(context) {
    const { train, test } = context.mnist();
    const data: Record<string, ManifestDataEntry> = {};
    for (const [name, split] of [
      ['train', train],
      ['test', test],
    ] as const) {
      const files = subsetIdxFiles(split, MNIST_SUBSET_SIZE);
      for (const kind of ['images', 'labels'] as const) {
        const key =
          `${name}${kind === 'images' ? 'Images' : 'Labels'}` as keyof typeof MNIST_SUBSET_FILES;
        const file = MNIST_SUBSET_FILES[key];
        const bytes = files[kind];
        writeFileSync(join(context.dataDir, file), bytes);
        data[key] = {
          file,
          bytes: bytes.length,
          sha256: sha256Hex(bytes),
          description: `MNIST ${name === 'train' ? 'training' : 'test'} ${kind} 0–${MNIST_SUBSET_SIZE - 1} (IDX, gzip)`,
        };
        context.log(`wrote ${file} (${(bytes.length / 1024).toFixed(0)} KiB)`);
      }
    }
    return { data };
  },
};
