import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from '../src/dense-matrix.js';
import { fitPca } from '../src/fit-pca.js';
import type { PcaModel } from '../src/pca-model.js';
import { loadMnistPixels, readReference } from './mnist-fixture.js';

interface MnistReference {
  total_variance: number;
  explained_variance: number[];
  explained_variance_ratio: number[];
  explained_variance_ratio_sum_k: Record<string, number>;
  test_reconstruction: Record<string, { test_mse_per_pixel: number; test_sse_per_image: number }>;
  components_first_3: number[][];
}

const ref = readReference<MnistReference>('mnist-pca.json');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] as number) * (b[i] as number);
    aa += (a[i] as number) ** 2;
    bb += (b[i] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function checkAgainstReference(model: PcaModel, test: DenseMatrix, tol: number): void {
  expect(rel(model.totalVariance, ref.total_variance)).toBeLessThan(tol);
  for (let i = 0; i < 50; i++) {
    expect(
      rel(model.explainedVariance[i] as number, ref.explained_variance[i] as number),
    ).toBeLessThan(tol);
    expect(
      rel(model.explainedVarianceRatio[i] as number, ref.explained_variance_ratio[i] as number),
    ).toBeLessThan(tol);
  }
  for (const k of [2, 10, 50]) {
    const sum = model.explainedVarianceRatio.subarray(0, k).reduce((s, v) => s + v, 0);
    expect(rel(sum, ref.explained_variance_ratio_sum_k[String(k)] as number)).toBeLessThan(tol);
    const err = model.truncate(k).reconstructionError(test);
    const want = ref.test_reconstruction[String(k)] as {
      test_mse_per_pixel: number;
      test_sse_per_image: number;
    };
    expect(rel(err.msePerFeature, want.test_mse_per_pixel)).toBeLessThan(tol);
    expect(rel(err.ssePerSample, want.test_sse_per_image)).toBeLessThan(tol);
  }
  for (let c = 0; c < 3; c++) {
    const ours = model.components.subarray(c * 784, (c + 1) * 784);
    const cos = cosine(ours, ref.components_first_3[c] as number[]);
    expect(Math.abs(cos)).toBeGreaterThan(0.999);
    // Same sign convention as the reference: the cosine is positive, not just large.
    expect(cos).toBeGreaterThan(0.999);
  }
}

describe('PCA on MNIST against scikit-learn (float64, full SVD)', () => {
  let train: DenseMatrix;
  let test: DenseMatrix;
  let exact: PcaModel;

  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    ({ train, test } = loadMnistPixels());
    exact = fitPca(train, { numComponents: 50, method: 'exact' });
  });

  it('exact: eigenvalues, EVR, EVR sums, test reconstruction errors to 1e-4; first 3 components', () => {
    checkAgainstReference(exact, test, 1e-4);
  });

  it('train reconstruction MSE equals the sum of discarded eigenvalues × (N−1)/N', () => {
    // Σ of all eigenvalues = total variance, so the discarded ones sum to total − kept.
    for (const k of [50]) {
      const model = exact.truncate(k);
      const kept = model.explainedVariance.reduce((s, v) => s + v, 0);
      const discarded = model.totalVariance - kept;
      const expected = (discarded * (train.rows - 1)) / train.rows;
      const err = model.reconstructionError(train);
      expect(rel(err.ssePerSample, expected)).toBeLessThan(1e-4);
      // Independent of our total variance: the reference's discarded sum, sklearn float64.
      const refKept = ref.explained_variance.slice(0, k).reduce((s, v) => s + v, 0);
      const refExpected = ((ref.total_variance - refKept) * (train.rows - 1)) / train.rows;
      expect(rel(err.ssePerSample, refExpected)).toBeLessThan(1e-4);
    }
  });

  it('randomized (seeded): the same figures to 1e-3', () => {
    const model = fitPca(train, { numComponents: 50, method: 'randomized', seed: 7 });
    expect(model.method).toBe('randomized');
    checkAgainstReference(model, test, 1e-3);
  });
});
