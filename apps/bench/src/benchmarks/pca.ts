import { initBackend } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { timePca } from './pca/compute-pca.js';
import { renderPca } from './pca/render-pca.js';

/**
 * PCA k = 50 on all 60000×784 MNIST training images: latentkit's exact and randomized fits,
 * and scikit-learn's `PCA(50, svd_solver='randomized' | 'full')` on the same float32 data in
 * the same session (best of the same number of runs), as seconds and ratios ours / sklearn; then
 * a dense float32 low-rank-plus-noise matrix (60000×784 full, 20000×784 quick), latentkit's
 * default `fitPca` vs scikit-learn randomized and numpy covariance + eigh.
 * Steps: `pca/compute-pca.ts` (timing), `measure-pca.ts` (seconds, ratios), `render-pca.ts`.
 */
export const pcaBenchmark: Benchmark = {
  name: 'pca',
  description:
    'PCA k=50 on 60000×784 MNIST (exact, randomized) and on a dense 60000×784 matrix vs scikit-learn and numpy (ratios)',
  inDefaultSuite: false,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const info = await initBackend({ backend: options.backend });
    return renderPca(info, await timePca(options.quick));
  },
};
