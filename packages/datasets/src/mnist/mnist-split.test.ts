import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { mnistFromIdx, mnistSplitFromIdx } from './mnist-split.js';

function images(count: number, rows = 4, cols = 3): Uint8Array {
  const data = Uint8Array.from({ length: count * rows * cols }, (_, i) => i % 256);
  return encodeIdx({ dtype: 'uint8', dims: [count, rows, cols], data });
}

function labels(values: number[]): Uint8Array {
  return encodeIdx({ dtype: 'uint8', dims: [values.length], data: Uint8Array.from(values) });
}

describe('mnistSplitFromIdx', () => {
  it('keeps pixels and labels as compact typed arrays [count, rows, cols]', () => {
    const split = mnistSplitFromIdx(images(3), labels([7, 0, 9]));
    expect(split).toMatchObject({ count: 3, rows: 4, cols: 3 });
    expect(split.images).toBeInstanceOf(Uint8Array);
    expect(split.images.length).toBe(36);
    expect(split.images[13]).toBe(13); // image 1, row 0, col 1
    expect(Array.from(split.labels)).toEqual([7, 0, 9]);
  });

  it('refuses mismatched or wrong files with IdxFormatError (wrong-kind)', () => {
    expect(() => mnistSplitFromIdx(images(3), labels([1, 2]))).toThrow(/3 images but .* 2 labels/);
    expect(() => mnistSplitFromIdx(labels([1, 2]), labels([1, 2]))).toThrow(IdxFormatError);
    expect(() => mnistSplitFromIdx(images(2), labels([1, 10]))).toThrow(/label 1 is 10/);
    expect(() => mnistSplitFromIdx(images(2), labels([1, 10]), { numClasses: 11 })).not.toThrow();
    const floatImages = encodeIdx({ dtype: 'float32', dims: [1, 2, 2], data: new Float32Array(4) });
    expect(() => mnistSplitFromIdx(floatImages, labels([0]))).toThrow(/must be uint8/);
  });

  it('propagates corrupt-file errors and rejects bad arguments', () => {
    const truncated = images(3).subarray(0, 40);
    expect(() => mnistSplitFromIdx(truncated, labels([1, 2, 3]))).toThrow(IdxFormatError);
    expect(() => mnistSplitFromIdx(undefined as never, labels([1]))).toThrow(InvalidArgumentError);
    expect(() => mnistSplitFromIdx(images(1), labels([1]), { classes: 3 } as never)).toThrow(
      UnknownOptionError,
    );
  });
});

describe('mnistFromIdx', () => {
  it('assembles both splits and checks they have the same image size', () => {
    const data = mnistFromIdx({
      trainImages: images(4),
      trainLabels: labels([1, 2, 3, 4]),
      testImages: images(2),
      testLabels: labels([5, 6]),
    });
    expect(data.train.count).toBe(4);
    expect(data.test.count).toBe(2);
    expect(() =>
      mnistFromIdx({
        trainImages: images(1),
        trainLabels: labels([1]),
        testImages: images(1, 5, 5),
        testLabels: labels([1]),
      }),
    ).toThrow(/4×3 but test images are 5×5/);
  });
});
