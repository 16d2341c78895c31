import { createRng } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { makeOutliers } from './outliers.js';

describe('makeOutliers', () => {
  const n = 3;
  const x = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 37) % 101) / 100);
  const rows = Array.from({ length: n }, (_, r) => x.subarray(r * 784, (r + 1) * 784));
  const sorted = (a: ArrayLike<number>) => Array.from(a).sort((p, q) => p - q);

  it('even outliers permute one digit’s pixels; odd ones are the pixelwise max of two digits', () => {
    const out = makeOutliers(x, n, 6, createRng(1));
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

  it('is a function of the generator’s seed', () => {
    expect([...makeOutliers(x, n, 4, createRng(2))]).toEqual([
      ...makeOutliers(x, n, 4, createRng(2)),
    ]);
    expect([...makeOutliers(x, n, 4, createRng(2))]).not.toEqual([
      ...makeOutliers(x, n, 4, createRng(3)),
    ]);
  });
});
