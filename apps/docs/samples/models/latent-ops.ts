import {
  anomalyScore,
  createModel,
  encodeLatent,
  interpolateLatent,
  sampleModel,
  traverseLatent,
} from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';

await initBackend();
const model = createModel(
  {
    kind: 'vae',
    inputShape: [784],
    latentDim: 2,
    encoder: { type: 'mlp', hidden: [512, 256] },
  },
  { seed: 3 },
);
// two images in [0, 1] (your data here)
const images = tf.zeros([2, 784]);

// #region ops
tf.tidy(() => {
  // posterior means, [2, latentDim]
  const z = encodeLatent(model, images);
  const [a, b] = tf.split(z, 2, 0) as [tf.Tensor, tf.Tensor];
  // [8, latentDim], slerp
  const path = interpolateLatent(a, b, 8, { method: 'spherical' });
  // E[x|z] along the path, [8, 784]
  const strip = model.decodeMean(path);
  // z ~ N(0, I), decoded
  const samples = sampleModel(model, 16, { seed: 7 });
  const sweep = traverseLatent(model, a, {
    dim: 0,
    values: [-3, -1.5, 0, 1.5, 3],
  });
  // nats per image
  const scores = anomalyScore(model, images, { samples: 10, seed: 0 });
  console.log(
    strip.shape,
    samples.shape,
    sweep.shape,
    scores.dataSync(),
  );
});
// #endregion ops
images.dispose();
model.dispose();
