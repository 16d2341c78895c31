/**
 * Trains a tiny Iris VAE (4 → 16 tanh → [μ | log σ²] of a 2-d latent; 2 → 16 ReLU → 4 linear)
 * with @latentkit/tensor on the standardized training split, for the quantization tests.
 * Gaussian decoder: loss = per-row squared error + KL, Adam, full batch, fixed seeds.
 */
import { splitIris } from '@latentkit/datasets';
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
import type { FloatVae } from '../float/float-vae.js';
import { fromParamRecord } from '../float/from-param-record.js';

export interface IrisVaeFixture {
  vae: FloatVae;
  train: Float32Array;
  test: Float32Array;
}

export async function trainIrisVae(steps = 400): Promise<IrisVaeFixture> {
  await initBackend({ backend: 'cpu' });
  const split = splitIris({ seed: 1, standardize: true });
  const store = createParamStore();
  const enc1 = dense(store, 'encoder.fc1', {
    inFeatures: 4,
    outFeatures: 16,
    activation: 'tanh',
    seed: 1,
  });
  const enc2 = dense(store, 'encoder.out', { inFeatures: 16, outFeatures: 4, seed: 2 });
  const dec1 = dense(store, 'decoder.fc1', {
    inFeatures: 2,
    outFeatures: 16,
    activation: 'relu',
    seed: 3,
  });
  const dec2 = dense(store, 'decoder.out', { inFeatures: 16, outFeatures: 4, seed: 4 });
  const opt = createAdam({ learningRate: 0.01 });
  const x = tf.tensor2d(split.train.features, [split.train.count, 4]);
  for (let s = 0; s < steps; s++) {
    const { value, grads } = valueAndParamGrads(store, () => {
      const [mu, logVar] = tf.split(enc2.apply(enc1.apply(x)), 2, 1) as [tf.Tensor, tf.Tensor];
      const z = reparameterize(mu, logVar, 1000 + s);
      const recon = dec2.apply(dec1.apply(z));
      return tf.add(mse(recon, x), tf.mul(0.1, klStandardNormal(mu, logVar))) as tf.Scalar;
    });
    opt.step(grads, store);
    tf.dispose(grads);
    value.dispose();
  }
  x.dispose();
  const record = store.toRecord();
  store.dispose();
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
  return { vae, train: split.train.features, test: split.test.features };
}
