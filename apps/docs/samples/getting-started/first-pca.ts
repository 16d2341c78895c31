// #region sample
import { loadMnist } from '@latentkit/datasets/node';
import { fitPca } from '@latentkit/pca';
import { initBackend } from '@latentkit/tensor';

await initBackend();
const { train } = await loadMnist();
const x = {
  data: Float32Array.from(train.images, (v) => v / 255),
  rows: train.count,
  cols: 784,
};

const pca = fitPca(x, { numComponents: 50 });
const kept = pca.explainedVarianceRatio.reduce((a, b) => a + b, 0);
console.log(
  `50 of 784 directions: ${(100 * kept).toFixed(1)} % of variance`,
);
// { msePerFeature, ssePerSample }
console.log(pca.reconstructionError(x));
// #endregion sample
