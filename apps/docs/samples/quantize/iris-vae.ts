import { splitIris } from '@latentkit/datasets';
import {
  type FloatVae,
  fromParamRecord,
  quantizationReport,
  quantize,
  quantizeVae,
  renderQuantizationReport,
  runQuantizedVae,
} from '@latentkit/quantize';
import {
  createAdam,
  createParamStore,
  dense,
  initBackend,
  klStandardNormal,
  mse,
  reparameterize,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';

await initBackend();
// #region train
// A tiny VAE on standardized Iris: 4 → 16 tanh → [μ | log σ²] of 2 → 16
// ReLU
// → 4.
const { train, test } = splitIris({ seed: 1, standardize: true });
const store = createParamStore();
const enc1 = dense(store, 'encoder.fc1', {
  inFeatures: 4,
  outFeatures: 16,
  activation: 'tanh',
  seed: 1,
});
const enc2 = dense(store, 'encoder.out', {
  inFeatures: 16,
  outFeatures: 4,
  seed: 2,
});
const dec1 = dense(store, 'decoder.fc1', {
  inFeatures: 2,
  outFeatures: 16,
  activation: 'relu',
  seed: 3,
});
const dec2 = dense(store, 'decoder.out', {
  inFeatures: 16,
  outFeatures: 4,
  seed: 4,
});
const optimizer = createAdam({ learningRate: 0.01 });
const x = tf.tensor2d(train.features, [train.count, 4]);
for (let step = 0; step < 400; step++) {
  const { value, grads } = valueAndParamGrads(store, () => {
    const [mu, logVar] = tf.split(enc2.apply(enc1.apply(x)), 2, 1) as [
      tf.Tensor,
      tf.Tensor,
    ];
    const recon = dec2.apply(
      dec1.apply(reparameterize(mu, logVar, 1000 + step)),
    );
    return tf.add(
      mse(recon, x),
      tf.mul(0.1, klStandardNormal(mu, logVar)),
    ) as tf.Scalar;
  });
  optimizer.step(grads, store);
  tf.dispose([value, grads]);
}
x.dispose();
// #endregion train

// #region float
// The trained network as plain data: what quantization and the RTL
// generator
// read.
const record = store.toRecord();
const vae: FloatVae = {
  encoder: fromParamRecord(record, {
    layers: [
      { name: 'encoder.fc1', activation: 'tanh' },
      { name: 'encoder.out', activation: 'linear' },
    ],
  }),
  decoder: fromParamRecord(record, {
    layers: [
      { name: 'decoder.fc1', activation: 'relu' },
      { name: 'decoder.out', activation: 'linear' },
    ],
  }),
};
// #endregion float

// #region quantize
// formats per layer
const q = quantizeVae(vae, { calibration: train.features, bits: 16 });
const inputFormat = q.encoder.layers[0]!.input;
const codes = Array.from(test.features.subarray(0, 4), (v) =>
  quantize(v, inputFormat),
);
// the bit-exact integer model: μ, log σ², z, output
const golden = runQuantizedVae(q, codes);
console.log(golden);

const report = quantizationReport(vae, {
  data: test.features,
  calibration: train.features,
});
// MSE vs float and SQNR per layer, 8/12/16 bits
console.log(renderQuantizationReport(report));

// #endregion quantize
export { q, test };
