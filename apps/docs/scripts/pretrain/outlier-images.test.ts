import { createRng } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { outlierImages } from './outlier-images.js';

describe('outlierImages', () => {
  it('even outliers permute one digit’s pixels; odd ones are the pixelwise max of two digits', () => {
    const n = 3;
    const images = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37 + (i >> 5)) % 256);
    const out = outlierImages(images, n, 4, createRng(1));
    const digits = Array.from({ length: n }, (_, d) =>
      Array.from(images.subarray(d * 784, (d + 1) * 784), (v) => v / 255),
    );
    const sorted = (a: ArrayLike<number>) => Array.from(a).sort((x, y) => x - y);
    const even = out.subarray(0, 784);
    expect(
      digits.some((d) => sorted(d).every((v, i) => Math.abs(v - sorted(even)[i]!) < 1e-7)),
    ).toBe(true);
    expect(digits.some((d) => d.every((v, i) => Math.abs(v - even[i]!) < 1e-7))).toBe(false);
    const odd = Array.from(out.subarray(784, 2 * 784));
    const isMax = digits.some((a) =>
      digits.some((b) => a.every((v, i) => Math.abs(Math.max(v, b[i]!) - odd[i]!) < 1e-7)),
    );
    expect(isMax).toBe(true);
    expect(outlierImages(images, n, 4, createRng(1))).toEqual(out);
  });
});
