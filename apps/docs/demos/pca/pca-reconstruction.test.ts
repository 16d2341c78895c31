import { fitPca } from '@latentkit/pca';
import { createRng, initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { cumulativeRatio, reconstructWithComponents } from './pca-reconstruction.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('reconstructWithComponents', () => {
  it('matches transform + inverseTransform of the truncated @latentkit/pca model', () => {
    const rng = createRng(3);
    const n = 200;
    const d = 30;
    // Data with a decaying spectrum: x = Σ_i s_i g_i v_i + noise.
    const data = new Float64Array(n * d);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < d; j++) data[r * d + j] = rng.normal() / (1 + j) + (j === 0 ? 2 : 0);
    }
    const pca = fitPca({ data, rows: n, cols: d }, { numComponents: 12 });
    const x = data.subarray(5 * d, 6 * d);
    for (const k of [1, 4, 12]) {
      const t = pca.truncate(k);
      const ref = t.inverseTransform(t.transform({ data: x, rows: 1, cols: d }));
      const mine = reconstructWithComponents(x, pca.mean, pca.components, k);
      for (let j = 0; j < d; j++) expect(mine[j]).toBeCloseTo(ref.data[j]!, 5);
    }
    // k = 0 is the mean; k = d (all components) would be x itself: error shrinks with k.
    const err = (k: number) => {
      const r = reconstructWithComponents(x, pca.mean, pca.components, k);
      return r.reduce((s, v, j) => s + (v - x[j]!) ** 2, 0);
    };
    expect(Array.from(reconstructWithComponents(x, pca.mean, pca.components, 0))).toEqual(
      Array.from(Float32Array.from(pca.mean)),
    );
    expect(err(12)).toBeLessThan(err(4));
    expect(err(4)).toBeLessThan(err(1));
    expect(() => reconstructWithComponents(x, pca.mean, pca.components, 13)).toThrow(RangeError);
  });

  it('cumulativeRatio', () => {
    expect(Array.from(cumulativeRatio([0.5, 0.25, 0.125]))).toEqual([0, 0.5, 0.75, 0.875]);
  });
});
