import { createRng, InvalidArgumentError, initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReference } from '../test/mnist-fixture.js';
import { fitPca } from './fit-pca.js';

// The numerical rank follows the precision actually used, and small eigenvalues are measured
// where that precision can resolve them.

interface WideSpectrumReference {
  rows: number;
  cols: number;
  /** Every float64 bit, as repr() strings. */
  data: string[];
  explained_variance: number[];
}

const ref = readReference<WideSpectrumReference>('wide-spectrum-pca.json');
const wide = () => ({ data: Float64Array.from(ref.data, Number), rows: ref.rows, cols: ref.cols });

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function relativeErrors(got: ArrayLike<number>, want: readonly number[], count: number): number[] {
  return Array.from(
    { length: count },
    (_, i) => Math.abs((got[i] as number) - (want[i] as number)) / (want[i] as number),
  );
}

describe('float64 data', () => {
  it("matches scikit-learn's float64 eigenvalues to 1e-6 wherever they exceed 1e-10 of the largest", () => {
    const top = ref.explained_variance[0] as number;
    const resolvable = ref.explained_variance.filter((v) => v > 1e-10 * top).length;
    expect(resolvable).toBe(16); // 4 down to 4e-9: nine decades
    const pca = fitPca(wide(), { numComponents: resolvable });
    const errors = relativeErrors(pca.explainedVariance, ref.explained_variance, resolvable);
    expect(Math.max(...errors)).toBeLessThan(1e-6);
    // The same from the arrays-of-numbers form (float64 as well).
    const m = wide();
    const rows = Array.from({ length: m.rows }, (_, i) =>
      Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
    );
    const fromRows = fitPca(rows, { numComponents: resolvable });
    expect(
      Math.max(...relativeErrors(fromRows.explainedVariance, ref.explained_variance, resolvable)),
    ).toBeLessThan(1e-6);
  });

  it('components diagonalize the data: off-diagonal projected covariance is round-off', () => {
    const m = wide();
    const pca = fitPca(m, { numComponents: 16 });
    const z = pca.transform(m).data;
    const k = 16;
    let worst = 0;
    for (let p = 0; p < k; p++)
      for (let q = 0; q < p; q++) {
        let s = 0;
        for (let i = 0; i < m.rows; i++) s += (z[i * k + p] as number) * (z[i * k + q] as number);
        const vp = pca.explainedVariance[p] as number;
        const vq = pca.explainedVariance[q] as number;
        worst = Math.max(worst, Math.abs(s / (m.rows - 1)) / Math.sqrt(vp * vq));
      }
    // Correlation between two components' scores (scale-free): zero up to float64 round-off
    // relative to the largest direction, which the smallest direction amplifies by ~3e4.
    expect(worst).toBeLessThan(1e-6);
  });

  it('still refuses the directions that carry no variance (rank 16 of 18)', () => {
    expect(() => fitPca(wide(), { numComponents: 17 })).toThrow(InvalidArgumentError);
    expect(() => fitPca(wide(), { numComponents: 17 })).toThrow(
      /numerical rank of the centered data \(16\).*float64/,
    );
  });
});

describe('float32 data', () => {
  // 12 strong directions (variance ~1) and 48 noise directions of variance 1e-5 relative to the
  // largest, in 2500 float32 rows: big enough for the float32 engines (n·d² > 2e7).
  function strongPlusNoise(noise: number): { data: Float32Array; rows: number; cols: number } {
    const rows = 2500;
    const cols = 60;
    const rng = createRng(7);
    const basis = Array.from({ length: 12 }, () =>
      Array.from({ length: cols }, () => rng.normal()),
    );
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const z = basis.map((_, s) => rng.normal() * (1 + s / 4));
      for (let j = 0; j < cols; j++) {
        let v = noise * rng.normal(); // isotropic noise
        for (let s = 0; s < 12; s++) v += (z[s] as number) * ((basis[s] as number[])[j] as number);
        data[i * cols + j] = v;
      }
    }
    return { data, rows, cols };
  }

  it('keeps noise directions a float32 engine cannot resolve, recomputed in float64', () => {
    // Noise variance ~1e-5 of the largest: below what a float32 scatter resolves (~1e-4), so the
    // scatter is recomputed in float64 instead of refusing 20 components as 'beyond the rank'.
    const m = strongPlusNoise(0.1);
    const exact = fitPca(m, { numComponents: 20, method: 'exact', engine: 'js' });
    const ratio = (exact.explainedVariance[19] as number) / (exact.explainedVariance[0] as number);
    expect(ratio).toBeGreaterThan(1e-6);
    expect(ratio).toBeLessThan(2e-5);
    for (const engine of ['wasm', 'sparse'] as const) {
      const fast = fitPca(m, { numComponents: 20, method: 'exact', engine });
      const errors = relativeErrors(fast.explainedVariance, [...exact.explainedVariance], 20);
      expect(Math.max(...errors)).toBeLessThan(1e-9);
    }
  });

  it('measures small eigenvalues of a float32 scatter again on the data', () => {
    // Noise ~1e-3 of the largest: the float32 scatter's own eigenvalues are ~1e-5 off there
    // (measured 2.8e-5 and 1.1e-5); measured on the data in float64, within 2e-6.
    const m = strongPlusNoise(1);
    const exact = fitPca(m, { numComponents: 20, method: 'exact', engine: 'js' });
    for (const engine of ['wasm', 'sparse'] as const) {
      const fast = fitPca(m, { numComponents: 20, method: 'exact', engine });
      const errors = relativeErrors(fast.explainedVariance, [...exact.explainedVariance], 20);
      expect(Math.max(...errors)).toBeLessThan(2e-6);
    }
  });
});
