import {
  dspritesBatches,
  dspritesFactorsFromIndex,
  loadIris,
  renderDsprite,
  splitIris,
} from '@latentkit/datasets';

// #region iris
// features: Float32Array [150, 4] in cm; labels 0, 1, 2
const iris = loadIris();
const { train, test, standardizer } = splitIris({
  seed: 0,
  testFraction: 0.2,
  standardize: true,
});
console.log(
  iris.features.length,
  train.count,
  test.count,
  standardizer?.mean,
);
// #endregion iris

// #region dsprites
// Uint8Array of 0/1, 64 × 64, drawn on demand
const image = renderDsprite(123_456);
// { shape, scale, orientation, posX, posY }
const factors = dspritesFactorsFromIndex(123_456);
console.log(image.length, factors);

for (const batch of dspritesBatches({
  batchSize: 64,
  seed: 0,
  epoch: 0,
  resolution: 32,
})) {
  batch.images; // Uint8Array [64, 32, 32]
  batch.factors; // Int32Array [64, 5]
  break;
}
// #endregion dsprites
