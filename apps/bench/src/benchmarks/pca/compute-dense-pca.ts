import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitPca } from '@latentkit/pca';
import { type TimingStats, timeIt } from '../timing.js';
import { DENSE_MATRIX, denseLowRankMatrix } from './dense-matrix.js';
import { sum } from './measure-pca.js';
import { runSklearn, type SklearnRun } from './run-sklearn.js';

/** Rows of the dense matrix: all 60000 in full mode, fewer in quick mode; 784 columns. */
export const DENSE_SIZE = { quick: { rows: 20_000, cols: 784 }, full: { rows: 60_000, cols: 784 } };

/** What the dense case timed. */
export interface DenseTimings {
  rows: number;
  cols: number;
  rank: number;
  noise: number;
  seed: number;
  /** latentkit `fitPca(x, { numComponents: 50 })` (exact, default options), ms per fit. */
  stats: TimingStats;
  /** Sum of latentkit's 50 explained-variance ratios. */
  evr: number;
  /** scikit-learn randomized and numpy cov + eigh on the same bytes, or why not. */
  sklearn: SklearnRun<'randomized'> | string;
}

/**
 * The dense case: a float32 low-rank-plus-noise matrix from {@link denseLowRankMatrix}, fitted
 * with latentkit's default `fitPca` (k = 50, best of `reps` after a warm-up), then the same bytes,
 * written to a temporary raw float32 file, given to scikit-learn's randomized PCA and numpy's
 * covariance + eigh.
 */
export async function timeDensePca(quick: boolean, reps: number): Promise<DenseTimings> {
  const { rows, cols } = quick ? DENSE_SIZE.quick : DENSE_SIZE.full;
  const spec = { rows, cols, ...DENSE_MATRIX };
  const data = denseLowRankMatrix(spec);
  const x = { data, rows, cols };
  let evr = 0;
  const stats = await timeIt(
    () => {
      evr = sum(fitPca(x, { numComponents: 50 }).explainedVarianceRatio);
    },
    { warmup: 1, iterations: reps },
  );
  const dir = mkdtempSync(join(tmpdir(), 'latentkit-bench-pca-'));
  try {
    const path = join(dir, 'dense.f32');
    writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const sklearn = runSklearn({ path, format: 'f32', rows, cols }, reps, ['randomized']);
    return { ...spec, stats, evr, sklearn };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
