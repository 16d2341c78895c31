import { initBackend, ShapeError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistPixels } from '../test/mnist-fixture.js';
import { fitPca } from './fit-pca.js';
import { IncrementalPca } from './incremental-pca.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('IncrementalPca', () => {
  it('batches of MNIST equal the exact fit of all rows to 1e-4', () => {
    const { train } = loadMnistPixels();
    const n = 6000;
    const d = 784;
    const x = { data: train.data.subarray(0, n * d), rows: n, cols: d };
    const exact = fitPca(x, { numComponents: 20, method: 'exact' });
    const inc = new IncrementalPca();
    // Uneven batch sizes, including a single row.
    for (const [a, b] of [
      [0, 1],
      [1, 1000],
      [1000, 3500],
      [3500, 6000],
    ] as const)
      inc.partialFit({ data: x.data.subarray(a * d, b * d), rows: b - a, cols: d });
    expect(inc.numSamples).toBe(n);
    const streamed = inc.result({ numComponents: 20 });
    expect(streamed.method).toBe('incremental');
    expect(Math.abs(streamed.totalVariance / exact.totalVariance - 1)).toBeLessThan(1e-4);
    for (let j = 0; j < d; j++)
      expect(Math.abs((streamed.mean[j] as number) - (exact.mean[j] as number))).toBeLessThan(1e-9);
    for (let c = 0; c < 20; c++) {
      const ev = exact.explainedVariance[c] as number;
      expect(Math.abs((streamed.explainedVariance[c] as number) / ev - 1)).toBeLessThan(1e-4);
      let dot = 0;
      for (let j = 0; j < d; j++)
        dot += (streamed.components[c * d + j] as number) * (exact.components[c * d + j] as number);
      expect(dot).toBeGreaterThan(1 - 1e-4);
    }
  });

  it('rejects a batch of another width and result() before any batch', () => {
    const inc = new IncrementalPca();
    expect(() => inc.result({ numComponents: 1 })).toThrow(ShapeError);
    inc.partialFit([
      [1, 2],
      [3, 5],
    ]);
    expect(() => inc.partialFit([[1, 2, 3]])).toThrow(ShapeError);
  });
});
