import { loadMnist } from '@latentkit/datasets/node';
import { createModel, sampleModel, train } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';

await initBackend();
const { train: trainSet } = await loadMnist();

// #region sample
const cvae = createModel(
  {
    kind: 'cvae',
    inputShape: [784],
    latentDim: 16,
    // the one-hot label joins the encoder's input and the latent code
    numClasses: 10,
    encoder: { type: 'mlp', hidden: [512] },
  },
  { seed: 5 },
);
await train(
  cvae,
  { x: trainSet.images, labels: trainSet.labels },
  { epochs: 10, seed: 5 },
);

// Ten samples of the digit 3, then the same ten codes decoded as every
// digit
// 0–9:
const threes = sampleModel(cvae, 10, { seed: 1, label: 3 });
const z = tf.randomNormal([10, cvae.latentDim], 0, 1, 'float32', 1);
const grid = tf.tidy(() =>
  tf.concat(
    Array.from({ length: 10 }, (_, digit) =>
      cvae.decodeMean(z, new Array(10).fill(digit)),
    ),
    0,
  ),
); // [100, 784]: row block d shows the same "style" written as digit d
// #endregion sample
tf.dispose([threes, z, grid]);
cvae.dispose();
