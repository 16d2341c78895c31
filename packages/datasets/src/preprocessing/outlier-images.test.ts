import { createRng, InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { outlierImages } from './outlier-images.js';

describe('outlierImages', () => {
  const n = 3;
  const x = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 37) % 101) / 100);
  const rows = Array.from({ length: n }, (_, r) => x.subarray(r * 784, (r + 1) * 784));
  const sorted = (a: ArrayLike<number>) => Array.from(a).sort((p, q) => p - q);

  it('even outliers permute one digit’s pixels; odd ones are the pixelwise max of two digits', () => {
    const out = outlierImages(x, n, 6, createRng(1));
    for (let i = 0; i < 6; i++) {
      const o = out.subarray(i * 784, (i + 1) * 784);
      if (i % 2 === 0) {
        // Same intensities as one of the digits, in another order.
        expect(rows.some((r) => JSON.stringify(sorted(r)) === JSON.stringify(sorted(o)))).toBe(
          true,
        );
        expect(rows.some((r) => r.every((v, p) => v === o[p]))).toBe(false);
      } else {
        const pair = rows.flatMap((a) => rows.map((b) => [a, b] as const));
        expect(pair.some(([a, b]) => o.every((v, p) => v === Math.max(a[p]!, b[p]!)))).toBe(true);
      }
    }
  });

  it('scales grey levels by 1/255 and makes the same choices as for the intensities', () => {
    const grey = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);
    const asFloat = Float32Array.from(grey, (v) => v / 255);
    const fromGrey = outlierImages(grey, n, 6, createRng(4));
    const fromFloat = outlierImages(asFloat, n, 6, createRng(4));
    expect(Math.max(...fromGrey)).toBeLessThanOrEqual(1);
    expect([...fromGrey]).toEqual([...fromFloat]);
  });

  it('is a function of the generator’s seed', () => {
    expect([...outlierImages(x, n, 4, createRng(2))]).toEqual([
      ...outlierImages(x, n, 4, createRng(2)),
    ]);
    expect([...outlierImages(x, n, 4, createRng(2))]).not.toEqual([
      ...outlierImages(x, n, 4, createRng(3)),
    ]);
  });

  it('refuses a wrong size or count', () => {
    expect(() => outlierImages(x, 4, 2, createRng(1))).toThrow(ShapeError);
    expect(() => outlierImages(x, 0, 2, createRng(1))).toThrow(InvalidArgumentError);
    expect(() => outlierImages(x, n, -1, createRng(1))).toThrow(InvalidArgumentError);
    expect(outlierImages(x, n, 0, createRng(1))).toHaveLength(0);
  });
});
