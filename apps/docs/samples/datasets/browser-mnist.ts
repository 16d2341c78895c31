// #region sample
import { fetchMnist } from '@latentkit/datasets';

/**
 * MNIST in the browser: serve the four IDX files (plain or .gz)
 * yourself.
 */
export async function loadMnistInBrowser() {
  return fetchMnist({
    trainImages: '/data/train-images-idx3-ubyte.gz',
    trainLabels: '/data/train-labels-idx1-ubyte.gz',
    testImages: '/data/t10k-images-idx3-ubyte.gz',
    testLabels: '/data/t10k-labels-idx1-ubyte.gz',
    // gunzipped with DecompressionStream; corrupt files throw
    // IdxFormatError
  });
}
// #endregion sample
