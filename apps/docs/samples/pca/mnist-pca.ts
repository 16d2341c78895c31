import { loadMnist } from '@latentkit/datasets/node';
import {
  fitPca,
  IncrementalPca,
  linearAutoencoderAngles,
  PcaModel,
} from '@latentkit/pca';
import { initBackend } from '@latentkit/tensor';

await initBackend();
const { train, test } = await loadMnist();
const scale = (images: Uint8Array, rows: number) => ({
  data: Float32Array.from(images, (v) => v / 255),
  rows,
  cols: 784,
});
const x = scale(train.images, train.count);
const xTest = scale(test.images, test.count);

// #region fit
// 'auto': exact here (d = 784 ≤ 1000)
const pca = fitPca(x, { numComponents: 50 });
pca.explainedVarianceRatio; // Float64Array [50], largest first
pca.components; // Float64Array [50 × 784], one component per row
// { data: Float64Array, rows: 10000, cols: 50 }
const codes = pca.transform(xTest);
const back = pca.inverseTransform(codes); // back in pixel space
// { msePerFeature, ssePerSample }
console.log(back.rows, pca.reconstructionError(xTest));
// #endregion fit

// #region curve
// Reconstruction error against k, from one fit: truncate keeps the
// first k
// components.
for (const k of [1, 2, 5, 10, 20, 50]) {
  const { ssePerSample } = pca.truncate(k).reconstructionError(xTest);
  console.log(
    `k = ${k}: ${ssePerSample.toFixed(2)} squared error per image`,
  );
}
// #endregion curve

// #region save
const json = JSON.stringify(pca);
const again = PcaModel.fromJSON(JSON.parse(json)); // validated on load
console.log(again.numComponents);
// #endregion save

// #region streaming
const inc = new IncrementalPca();
for (let start = 0; start < x.rows; start += 10_000) {
  const rows = Math.min(10_000, x.rows - start);
  inc.partialFit({
    data: x.data.subarray(start * 784, (start + rows) * 784),
    rows,
    cols: 784,
  });
}
// equals the exact fit
const streamed = inc.result({ numComponents: 50 });
console.log(streamed.explainedVariance[0], pca.explainedVariance[0]);
// #endregion streaming

// #region linear-ae
// A linear autoencoder trained by gradient descent spans the same
// subspace as
// PCA:
const { anglesDegrees } = linearAutoencoderAngles(
  { data: x.data.subarray(0, 5000 * 784), rows: 5000, cols: 784 },
  { numComponents: 10 },
);
// principal angles between the two subspaces, near 0°
console.log(anglesDegrees);
// #endregion linear-ae
