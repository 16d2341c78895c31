import { MODEL_FILES } from '../../demos/common/asset-files.js';
import { fullMnist, subsetElbo } from './mnist-model-data.js';
import { modelJob } from './model-job.js';

/**
 * The latent explorer's VAE: 784 → 256 ReLU → 2-D latent → 256 ReLU → 784 (Bernoulli logits),
 * trained on the 60000 MNIST training images.
 */
export const latent2dJob = modelJob({
  id: 'latent2d',
  file: MODEL_FILES.latent2d,
  title: 'VAE with a 2-D latent space on MNIST (MLP 784-256-2, Bernoulli decoder)',
  config: {
    kind: 'vae',
    inputShape: [784],
    latentDim: 2,
    encoder: { type: 'mlp', hidden: [256], activation: 'relu' },
  },
  seed: 1,
  epochs: 6,
  batchSize: 128,
  lr: 1e-3,
  data: (context) => fullMnist(context, false),
  score: async (context, model) => subsetElbo(context, model, false),
});
