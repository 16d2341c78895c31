/**
 * The PCA demo's work in the model worker: fetches the MNIST subset (from the site's own origin)
 * and fits PCA on its training images there, off the page's main thread (the exact fit is a few
 * hundred ms of CPU). The page gets the fitted arrays and reconstructs digits itself (a few
 * thousand multiply-adds per slider step).
 */
import { fitPca } from '@latentkit/pca';
import { loadMnistSubset, type MnistSubset, subsetFloats } from '../common/mnist-subset.js';
import type { WorkerSession } from '../common/worker-host.js';

/** What the page shows of the fit (and the test digits it reconstructs). */
export interface PcaFit {
  /** The mean image, 784 values. */
  mean: Float64Array;
  /** The first K components, `[K × 784]` row-major, orthonormal rows. */
  components: Float64Array;
  /** Share of the pixel variance each component explains, K values. */
  explainedVarianceRatio: Float64Array;
  /** The subset's test images as intensities, `[count × 784]`. */
  testImages: Float32Array;
  testCount: number;
  /** Wall-clock ms of the fit. */
  fitMs: number;
}

/**
 * Fits PCA with `components` components on the subset's training images (intensities in [0, 1]).
 *
 * @throws As `fitPca` (e.g. more components than pixels).
 */
export function fitSubsetPca(subset: MnistSubset, components: number): PcaFit {
  const t0 = performance.now();
  const train = subsetFloats(subset.train);
  const pca = fitPca(
    { data: train, rows: subset.train.count, cols: 784 },
    { numComponents: components },
  );
  const fitMs = performance.now() - t0;
  return {
    mean: Float64Array.from(pca.mean),
    components: Float64Array.from(pca.components),
    explainedVarianceRatio: Float64Array.from(pca.explainedVarianceRatio),
    testImages: subsetFloats(subset.test),
    testCount: subset.test.count,
    fitMs,
  };
}

/** Options the page sends when it opens the session. */
export interface PcaSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
  /** Components to fit. */
  components: number;
}

/** Opens the session: its one method `fit` loads the subset and returns {@link PcaFit}. */
export async function openPcaSession(options: PcaSessionOptions): Promise<WorkerSession> {
  return {
    methods: {
      fit: async () => fitSubsetPca(await loadMnistSubset(options.assetBase), options.components),
    },
  };
}
