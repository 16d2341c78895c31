import { dspritesBatch, renderDsprites } from '@latentkit/datasets';
import {
  computeMig,
  createModel,
  dspritesFactorSource,
  train,
} from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';

await initBackend();
// #region sample
const model = createModel(
  {
    kind: 'vae',
    inputShape: [1024],
    latentDim: 10,
    encoder: { type: 'mlp', hidden: [512, 256] },
  },
  { seed: 0 },
);
// 32 × 32 dSprites, drawn on demand from the factor grid.
const { images } = dspritesBatch(
  Array.from({ length: 20_000 }, (_, i) => i * 36),
  { resolution: 32 },
);

// Capacity annealing (Burgess et al.): the KL is pulled towards C,
// which
// rises from 0 to 25 nats.
await train(
  model,
  { x: Float32Array.from(images) },
  {
    epochs: 20,
    seed: 0,
    // or { beta: 4 }
    objective: { capacity: { max: 25, steps: 30_000, gamma: 1000 } },
  },
);

// How well single latent dimensions capture single factors
// (disentanglement_lib's MIG).
const source = dspritesFactorSource(model, {
  renderDsprites,
  resolution: 32,
});
const { mig, gaps } = await computeMig(source, { seed: 0 });
console.log(mig, gaps);
// #endregion sample
model.dispose();
