// The checks both models smoke snippets run on the module they loaded (ESM or CJS build):
// build a tiny VAE, train it for a few steps, save it to safetensors bytes and load it back.
// Throws (non-zero exit) on any mismatch.
const assert = require('node:assert/strict');

/**
 * @param {typeof import('@latentkit/models')} mod The package as loaded by the snippet.
 * @param {typeof import('@latentkit/tensor')} tensor `@latentkit/tensor`, loaded the same way.
 * @param {string} label `ESM` or `CJS`.
 */
async function run(mod, tensor, label) {
  for (const name of ['createModel', 'train', 'paramsToSafetensors', 'safetensorsToRecord']) {
    assert.equal(typeof mod[name], 'function', `${label} build has no export ${name}`);
  }
  await tensor.initBackend();
  const config = {
    kind: 'vae',
    inputShape: [4],
    latentDim: 2,
    encoder: { type: 'mlp', hidden: [8] },
    likelihood: 'gaussian',
  };
  const model = mod.createModel(config, 1);
  // 64 points on a line in 4-D: easy to reconstruct.
  const x = new Float32Array(64 * 4);
  for (let i = 0; i < 64; i++) for (let j = 0; j < 4; j++) x[i * 4 + j] = (i / 63) * (j + 1) - 1;
  const losses = [];
  await mod.train(
    model,
    { x, n: 64 },
    {
      epochs: 20,
      batchSize: 16,
      lr: 1e-2,
      seed: 3,
      onEpoch: (e) => {
        losses.push(e.loss);
      },
    },
  );
  assert.ok(losses.length === 20 && losses[19] < losses[0], `loss did not fall: ${losses}`);

  // Save to safetensors bytes and load into a second model built from the saved config.
  const bytes = mod.paramsToSafetensors(model.store, model.config);
  const loaded = mod.safetensorsToRecord(bytes);
  const twin = mod.createModel(loaded.config, 99);
  twin.store.loadRecord(loaded.record);
  const before = model.store.toRecord();
  const after = twin.store.toRecord();
  for (const [k, v] of Object.entries(before)) {
    assert.deepEqual(Array.from(after[k].data), Array.from(v.data), `${k} changed in round trip`);
  }
  twin.dispose();
  model.dispose();
  console.log(
    `@latentkit/models ${label} ok: loss ${losses[0].toFixed(2)} -> ${losses[19].toFixed(2)}`,
  );
}

module.exports = { run };
