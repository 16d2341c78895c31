import { describe, expect, it } from 'vitest';
import type { TimingStats } from '../timing.js';
import { maxRelDiff, measureProduct } from './measure-matmul.js';

const stats = (medianMs: number, samples = 3): TimingStats => ({
  medianMs,
  minMs: medianMs / 2,
  maxMs: medianMs * 2,
  meanMs: medianMs,
  samplesMs: Array.from({ length: samples }, () => medianMs),
});

describe('maxRelDiff', () => {
  it('divides the largest difference by the largest reference magnitude, over every output', () => {
    expect(maxRelDiff([[1, 2], [3]], [[1, 2.5], [-4]])).toBeCloseTo(7 / 4, 12);
    expect(maxRelDiff([[0.5]], [[0]])).toBe(0.5); // all-zero reference: absolute
  });
});

describe('measureProduct', () => {
  it('computes GFLOP/s, the ratio to the plain product and the gradient speed-up', () => {
    const variants = [
      { id: 'plain', label: 'A·B', products: 1 },
      { id: 'gradStock', label: 'stock', products: 2 },
      { id: 'gradLatentkit', label: 'latentkit', products: 2 },
    ];
    const r = measureProduct(
      { label: 'p', m: 10, k: 20, n: 50 }, // 2·m·k·n = 20000 flops
      variants,
      { plain: stats(0.01, 5), gradStock: stats(0.05), gradLatentkit: stats(0.02) },
      1e-7,
    );
    expect(r.variants[0]).toMatchObject({
      flops: 20000,
      gflops: 2,
      relativeToPlain: 1,
      samples: 5,
    });
    expect(r.variants[1]).toMatchObject({ flops: 40000, relativeToPlain: 5 });
    expect(r.variants[2]!.gflops).toBeCloseTo(2, 12);
    expect(r.gradientSpeedupStockOverLatentkit).toBeCloseTo(2.5, 12);
    expect(r.gradientMaxRelDiff).toBe(1e-7);
  });
});
