import { InvalidArgumentError, initBackend, UnknownOptionError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistBatch } from './mnist-batch.js';
import type { MnistSplit } from './mnist-split.js';

const split: MnistSplit = {
  images: Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => [0, 51, 255][i % 3]!),
  labels: Uint8Array.of(2, 0, 1),
  count: 3,
  rows: 2,
  cols: 2,
};

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('mnistBatch', () => {
  it('returns [0,1] float pixels in the requested layout and one-hot labels', () => {
    const { x, y, labels } = mnistBatch(split, [2, 0]);
    expect(x.shape).toEqual([2, 4]);
    expect(x.dtype).toBe('float32');
    const px = x.dataSync();
    // image 2 = elements 8..11 → levels 255, 0, 51, 255
    expect(Array.from(px.slice(0, 4))).toEqual([1, 0, Math.fround(51 / 255), 1]);
    expect(Array.from(labels)).toEqual([1, 2]);
    expect(y.shape).toEqual([2, 10]);
    expect(Array.from(y.dataSync().slice(0, 10))).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    x.dispose();
    y.dispose();
    const nhwc = mnistBatch(split, [1], { layout: 'nhwc', numClasses: 3 });
    expect(nhwc.x.shape).toEqual([1, 2, 2, 1]);
    expect(nhwc.y.shape).toEqual([1, 3]);
    nhwc.x.dispose();
    nhwc.y.dispose();
  });

  it('rejects bad layouts and indices', () => {
    expect(() => mnistBatch(split, [0], { layout: 'nchw' as never })).toThrow(UnknownOptionError);
    expect(() => mnistBatch(split, [3])).toThrow(InvalidArgumentError);
    expect(() => mnistBatch(split, [0], { numClasses: 2 })).toThrow(/outside \[0, 2\)/);
  });
});
