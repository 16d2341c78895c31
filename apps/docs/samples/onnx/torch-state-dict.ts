import { readFileSync, writeFileSync } from 'node:fs';
import {
  createModel,
  evaluateElbo,
  type ModelConfig,
  modelToTorchSafetensors,
  torchNameMap,
  torchStateDictToRecord,
} from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';

await initBackend();
// your data: n rows of 784 pixels in [0, 1] (MNIST here)
const rows = new Float32Array(64 * 784);

// #region load
// written by tools/python/train.py: PyTorch layouts, latentkit names, the config in the metadata
const { config, record } = torchStateDictToRecord(
  readFileSync('runs/vae/model.safetensors'),
);
const model = createModel(config);
model.store.loadRecord(record);
// −ELBO in nats per image; compare with train.py's summary.json
console.log(
  evaluateElbo(model, { x: rows }, { samples: 1, seed: 0 }).negElbo,
);
// #endregion load

// #region own-names
// your own nn.Sequential VAE: describe it as a createModel config, then map its names
const mine: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 16,
  encoder: { type: 'mlp', hidden: [512, 256], activation: 'relu' },
  likelihood: 'bernoulli',
};
// 'encoder.0.weight' → 'encoder.fc1.weight', …, 'fc_mu.weight' → 'encoder.mu.weight', …
const nameMap = torchNameMap(mine, { convention: 'sequential' });
const fromTorch = torchStateDictToRecord(
  readFileSync('my_vae.safetensors'),
  {
    config: mine,
    nameMap,
  },
);
const other = createModel(mine);
other.store.loadRecord(fromTorch.record);
// #endregion own-names

// #region back
// back to PyTorch: load with latentkit_torch.load_latentkit('latentkit-vae.safetensors')
writeFileSync(
  'latentkit-vae.safetensors',
  modelToTorchSafetensors(model),
);
// #endregion back
model.dispose();
other.dispose();
