#!/usr/bin/env python3
"""scikit-learn and numpy baselines of the latentkit `pca` benchmark suite.

Reads a float32 matrix — MNIST's uncompressed IDX training images (pixels / 255) or raw
little-endian float32 bytes written by the bench (`--format f32 --rows N --cols D`) — and times,
best of `--reps` runs each, `PCA(n_components=k, svd_solver=s, random_state=0).fit(X)` for every
solver of `--solvers`, then numpy's covariance (float32) + `eigh`. Prints one JSON object:
  <solver>: {seconds (best), all (every run), evr50 (sum of the k explained-variance ratios)}
  numpy_cov_eigh: {seconds, evr50 (top-k eigenvalues / trace)}
  sklearn_version
"""

import argparse
import json
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA


def load(args):
    if args.format == 'idx':
        raw = np.fromfile(args.path, dtype=np.uint8, offset=16)
        return raw.reshape(-1, 784).astype(np.float32) / np.float32(255)
    x = np.fromfile(args.path, dtype='<f4')
    return x.reshape(args.rows, args.cols)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--path', required=True)
    parser.add_argument('--format', choices=('idx', 'f32'), default='idx')
    parser.add_argument('--rows', type=int, default=0)
    parser.add_argument('--cols', type=int, default=0)
    parser.add_argument('--reps', type=int, default=3)
    parser.add_argument('--components', type=int, default=50)
    parser.add_argument('--solvers', default='randomized,full')
    args = parser.parse_args()
    X = load(args)
    k = args.components
    out = {}
    for solver in args.solvers.split(','):
        times = []
        for _ in range(args.reps):
            t0 = time.perf_counter()
            p = PCA(n_components=k, svd_solver=solver, random_state=0).fit(X)
            times.append(time.perf_counter() - t0)
        out[solver] = {'seconds': min(times), 'all': times,
                       'evr50': float(p.explained_variance_ratio_.sum())}
    best = float('inf')
    for _ in range(args.reps):
        t0 = time.perf_counter()
        Xc = X - X.mean(axis=0)
        C = (Xc.T @ Xc) / np.float32(X.shape[0] - 1)
        w = np.linalg.eigh(C)[0]
        best = min(best, time.perf_counter() - t0)
    out['numpy_cov_eigh'] = {'seconds': best, 'evr50': float(w[-k:].sum() / w.sum())}
    out['sklearn_version'] = sklearn.__version__
    print(json.dumps(out))


if __name__ == '__main__':
    main()
