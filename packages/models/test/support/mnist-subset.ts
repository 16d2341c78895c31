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
