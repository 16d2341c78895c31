import { loadMnist } from '@latentkit/datasets/node';
import {
  createModel,
  evaluateElbo,
  iwaeNll,
  latentStatistics,
  train,
} from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';

await initBackend();
const { train: trainSet, test } = await loadMnist();

// #region create
const model = createModel(
  {
    kind: 'vae',
    inputShape: [784],
    latentDim: 20,
    // the decoder mirrors it unless given
    encoder: { type: 'mlp', hidden: [400] },
    // or 'gaussian' (fixed σ) / 'gaussian-learned'
    likelihood: 'bernoulli',
  },
  { seed: 1 },
);
// 652,824 — the pytorch/examples VAE
console.log(model.store.numParams());
// #endregion create

// #region train
const controller = new AbortController();
const result = await train(
  model,
  { x: trainSet.images },
  {
    epochs: 10,
    batchSize: 128,
    learningRate: 1e-3,
    seed: 1,
    // KL weight 0 → 1 over 2000 steps
    objective: { warmup: { type: 'linear', steps: 2000 } },
    validation: { x: test.images.subarray(0, 2000 * 784) },
    // controller.abort() stops cleanly before the next batch
    signal: controller.signal,
    onEpoch: (r) =>
      console.log(
        r.epoch,
        r.loss,
        r.validation?.negElbo,
        r.samplesPerSecond,
      ),
  },
);
console.log(result.steps, result.aborted);
// #endregion train

// #region evaluate
// nats per image
const elbo = evaluateElbo(model, { x: test.images }, { seed: 0 });
const iwae = iwaeNll(
  model,
  { x: test.images.subarray(0, 1000 * 784) },
  { k: 100, seed: 0 },
);
// KL per dimension, active units
const stats = latentStatistics(model, { x: test.images });
// the IWAE estimate is the tighter of the two
console.log(elbo.negElbo, iwae.nll, stats);
// #endregion evaluate
model.dispose();
