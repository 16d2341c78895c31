import { readFileSync } from 'node:fs';
import { loadMnistSync } from '@latentkit/datasets/node';
import type { DenseMatrix } from '../src/dense-matrix.js';

/** MNIST train and test images as float32 pixels / 255, `[n, 784]`. */
export function loadMnistPixels(): { train: DenseMatrix; test: DenseMatrix } {
  const { train, test } = loadMnistSync();
  const scale = (images: Uint8Array, count: number): DenseMatrix => {
    const data = new Float32Array(count * 784);
    for (let i = 0; i < data.length; i++) data[i] = (images[i] as number) / 255;
    return { data, rows: count, cols: 784 };
  };
  return { train: scale(train.images, train.count), test: scale(test.images, test.count) };
}

/** A scikit-learn reference file from `test/fixtures` (see the README there for its provenance). */
export function readReference<T>(name: string): T {
  const url = new URL(`./fixtures/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}
