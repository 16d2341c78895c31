import { readFile } from 'node:fs/promises';
import {
  createModel,
  type ModelConfig,
  paramsToSafetensors,
  safetensorsToRecord,
} from '@latentkit/models';
import {
  loadSafetensorsFile,
  saveSafetensorsFile,
} from '@latentkit/models/node';
import { initBackend } from '@latentkit/tensor';

await initBackend();
const model = createModel(
  {
    kind: 'vae',
    inputShape: [784],
    latentDim: 20,
    encoder: { type: 'mlp', hidden: [400] },
  },
  { seed: 1 },
);

// #region save
// Weights and the resolved config in one file (written to a temp file,
// fsynced, renamed).
await saveSafetensorsFile(
  'vae.safetensors',
  paramsToSafetensors(model.store, model.config),
);
// #endregion save

// #region load
const { record, config } = safetensorsToRecord(
  await readFile('vae.safetensors'),
);
const again = createModel(config as ModelConfig, { seed: 0 });
again.store.loadRecord(record); // shapes checked name by name
// Or just the tensors and metadata, with every header check:
const raw = await loadSafetensorsFile('vae.safetensors');
console.log(Object.keys(raw.tensors), raw.metadata);
// #endregion load
again.dispose();
model.dispose();
