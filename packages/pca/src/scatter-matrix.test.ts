import { NumericalError } from '@latentkit/core';
import { InvalidArgumentError, initBackend, NonFiniteError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from './dense-matrix.js';
import { fitPca } from './fit-pca.js';
import { scatterMatrix } from './scatter-matrix.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/**
 * Sparse data (≈ 80% zeros) with d not a multiple of 4, an all-zero column (3), a constant
 * nonzero column (5), and a column with a large offset and small spread (8, shifted by the
 * kernel), in float32.
 */
function sparseData(n: number, d: number, seed: number): DenseMatrix {
  const r = lcg(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let v = r() < 0.2 ? r() * (1 + j / d) : 0;
      if (j === 3) v = 0;
      if (j === 5) v = 0.7;
      if (j === 8) v = 50 + r();
      data[i * d + j] = v;
    }
  return { data, rows: n, cols: d };
}

/** Two-pass float64 reference: means, non-constant columns, centered scatter. */
function naive(m: DenseMatrix) {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const S = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < d; p++) {
      const xp = (data[i * d + p] as number) - (mean[p] as number);
      for (let q = 0; q < d; q++)
        S[p * d + q] =
          (S[p * d + q] as number) + xp * ((data[i * d + q] as number) - (mean[q] as number));
    }
  return { mean, S };
}

function worstRelative(m: DenseMatrix, engine: 'sparse' | 'auto' | 'js') {
  const ref = naive(m);
  const d = m.cols;
  const got = scatterMatrix(m, { engine });
  const a = got.active.length;
  let worst = 0;
  for (let p = 0; p < a; p++)
    for (let q = 0; q < a; q++) {
      const jp = got.active[p] as number;
      const jq = got.active[q] as number;
      const scale = Math.sqrt((ref.S[jp * d + jp] as number) * (ref.S[jq * d + jq] as number));
      const err = Math.abs((got.scatter[p * a + q] as number) - (ref.S[jp * d + jq] as number));
      worst = Math.max(worst, err / scale);
    }
  let meanErr = 0;
  for (let j = 0; j < d; j++)
    meanErr = Math.max(meanErr, Math.abs((got.mean[j] as number) - (ref.mean[j] as number)));
  return { got, worst, meanErr };
}

describe('scatterMatrix', () => {
  it('sparse wasm kernel matches a two-pass float64 sum; constant columns are dropped', () => {
    const m = sparseData(3000, 43, 1);
    const { got, worst, meanErr } = worstRelative(m, 'sparse');
    expect(got.engine).toBe('sparse');
    expect(Array.from(got.active)).toEqual(
      Array.from({ length: 43 }, (_, j) => j).filter((j) => j !== 3 && j !== 5),
    );
    expect(got.mean[3]).toBe(0);
    expect(got.mean[5]).toBe(Math.fround(0.7));
    expect(worst).toBeLessThan(2e-6);
    expect(meanErr).toBeLessThan(1e-9);
  });

  it('auto picks the sparse kernel for sparse data and the dense kernel for dense data', () => {
    const sparse = sparseData(2000, 120, 2);
    expect(worstRelative(sparse, 'auto').got.engine).toBe('sparse');
    const r = lcg(3);
    const dense = {
      data: Float32Array.from({ length: 2000 * 120 }, () => r()),
      rows: 2000,
      cols: 120,
    };
    const { got, worst } = worstRelative(dense, 'auto');
    expect(got.engine).toBe('dense');
    expect(worst).toBeLessThan(1e-5);
    // Tiny problems stay in float64 JavaScript.
    expect(worstRelative(sparseData(50, 10, 4), 'auto').got.engine).toBe('js');
  });

  it('falls back to a centered engine when the shifted sums would cancel badly', () => {
    // Column 0 is 0 in the 512 sample rows the shift is chosen from and 1000 + noise in all
    // others, so its shift stays 0 while E[x²] / Var(x) ≈ n / 512 ≈ 195 (> 64) on all rows.
    const n = 100_000;
    const step = Math.floor(n / 512);
    const r = lcg(5);
    const data = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      data[i * 4] = i % step === 0 && i / step < 512 ? 0 : 1000 + r();
      for (let j = 1; j < 4; j++) data[i * 4 + j] = r() < 0.3 ? r() : 0;
    }
    const { got, worst } = worstRelative({ data, rows: n, cols: 4 }, 'sparse');
    expect(got.engine).toBe('wasm');
    // The dense engine's own float32 rounding after float64 centering.
    expect(worst).toBeLessThan(5e-5);
  });

  it('names NaN entries and rejects an unknown engine', () => {
    const m = sparseData(600, 12, 6);
    const data = Float32Array.from(m.data);
    data[345] = Number.NaN;
    expect(() => scatterMatrix({ ...m, data }, { engine: 'sparse' })).toThrow(NonFiniteError);
    expect(() => scatterMatrix(m, { engine: 'gpu' as 'js' })).toThrow(InvalidArgumentError);
  });

  it('huge values that overflow float32 fall back to float64; beyond float64, a typed error', () => {
    const rows = 40;
    const cols = 5;
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        data[i * cols + j] = Math.sin(i * 1.7 + j * 0.3) * (j === 2 ? 1e19 : 1) + 0.01 * i * j;
    const m: DenseMatrix = { data, rows, cols };
    const js = scatterMatrix(m, { engine: 'js' });
    for (const engine of ['wasm', 'sparse'] as const) {
      const got = scatterMatrix(m, { engine });
      expect(Array.from(got.scatter).every(Number.isFinite)).toBe(true);
      for (let i = 0; i < js.scatter.length; i++) {
        const want = js.scatter[i] as number;
        expect(Math.abs((got.scatter[i] as number) - want)).toBeLessThanOrEqual(
          1e-9 * Math.abs(want) + 1e-9,
        );
      }
    }
    // One column dominates by 1e19, so only one direction is measurable at this scale.
    const pca = fitPca(m, { numComponents: 1, method: 'exact', engine: 'wasm' });
    expect(pca.explainedVariance.every(Number.isFinite)).toBe(true);
    const huge = Float64Array.from(data, (v, k) => (k % cols === 2 ? v * 1e150 : v));
    expect(() => scatterMatrix({ data: huge, rows, cols }, { engine: 'js' })).toThrow(
      NumericalError,
    );
  });
});
