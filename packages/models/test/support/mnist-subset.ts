import { loadMnistSync } from '@latentkit/datasets/node';

let cache: ReturnType<typeof loadMnistSync> | undefined;

/** The first `n` MNIST images (grey levels / 255 as Float32Array) and labels of a split. */
export function mnistSubset(
  n: number,
  split: 'train' | 'test' = 'train',
  offset = 0,
): { x: Float32Array; labels: Uint8Array; n: number } {
  cache ??= loadMnistSync();
  const s = cache[split];
  const bytes = s.images.subarray(offset * 784, (offset + n) * 784);
  const x = Float32Array.from(bytes, (v) => v / 255);
  return { x, labels: s.labels.slice(offset, offset + n), n };
}

/** The first `n` MNIST images of a split without labels: data for a model without classes. */
export function mnistImages(
  n: number,
  split: 'train' | 'test' = 'train',
  offset = 0,
): { x: Float32Array; n: number } {
  const { x } = mnistSubset(n, split, offset);
  return { x, n };
}

/** `data` with its labels only for a conditional model (`train` refuses labels otherwise). */
export function dataFor<D extends { x: Float32Array; n: number; labels?: Uint8Array }>(
  model: { config: { numClasses: number } },
  data: D,
): { x: Float32Array; n: number; labels?: Uint8Array } {
  return model.config.numClasses > 0 ? data : { x: data.x, n: data.n };
}
