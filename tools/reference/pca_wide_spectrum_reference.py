#!/usr/bin/env python3
"""scikit-learn float64 PCA reference on a matrix with a wide spectrum, for @latentkit/pca.

Writes packages/pca/test/fixtures/wide-spectrum-pca.json (or --out): a 240x18 float64 matrix made
here (seeded NumPy), and scikit-learn's exact PCA of it. The matrix is built as
    X = U diag(s) V^T + offset
with U: 240x16 orthonormal columns orthogonal to the all-ones vector (so they are centered),
V: 18x18 random orthogonal (its first 16 columns used), and s chosen so that the sample
covariance's eigenvalues run log-spaced from 4.0 down to 4.0e-9 (nine decades: every one of the
16 is above 1e-10 of the largest), and a column offset of up to 1000 (to exercise centering).
The last two directions carry no variance: the centered matrix has rank 16 of 18, and
scikit-learn's eigenvalues 17 and 18 are round-off (~1e-30 of the largest).

Runs with Debian's python3-sklearn (1.2) and python3-numpy:

  /usr/bin/python3 tools/reference/pca_wide_spectrum_reference.py
"""

import argparse
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
N, D, RANK = 240, 18, 16


def make_matrix(seed=20261206):
    rng = np.random.default_rng(seed)
    # Orthonormal columns orthogonal to ones: QR of [ones | gaussian], drop the first column.
    q, _ = np.linalg.qr(np.column_stack([np.ones(N), rng.standard_normal((N, RANK))]))
    u = q[:, 1:]
    v, _ = np.linalg.qr(rng.standard_normal((D, D)))
    eigenvalues = 4.0 * np.logspace(0, -9, RANK)
    s = np.sqrt(eigenvalues * (N - 1))
    offset = np.round(rng.uniform(-1000, 1000, D), 3)
    x = (u * s) @ v[:, :RANK].T + offset
    return x, eigenvalues


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--out',
        default=os.path.join(REPO_ROOT, 'packages', 'pca', 'test', 'fixtures', 'wide-spectrum-pca.json'),
    )
    args = parser.parse_args()
    x, design = make_matrix()
    pca = PCA(svd_solver='full').fit(x)
    out = {
        'what': 'scikit-learn %s PCA(svd_solver="full") of a 240x18 float64 matrix whose 16 '
                'eigenvalues span 4 to 4e-9 (rank 16 of 18)' % sklearn.__version__,
        'rows': N,
        'cols': D,
        'data': [repr(float(v)) for v in x.ravel()],
        'design_eigenvalues': [float(v) for v in design],
        'explained_variance': [float(v) for v in pca.explained_variance_],
        'singular_values': [float(v) for v in pca.singular_values_],
        'mean': [float(v) for v in pca.mean_],
    }
    # repr() keeps every bit; the test parses the strings with Number().
    with open(args.out, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('wrote', args.out)


if __name__ == '__main__':
    main()
