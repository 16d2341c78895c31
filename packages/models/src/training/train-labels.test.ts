import { InvalidArgumentError, initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import { train } from './train.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('train: labels', () => {
  const x = Float32Array.from({ length: 8 * 4 }, (_, i) => (i % 5) / 5);
  const labels = Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1]);

  it('refuses labels for a model without classes (they would be silently ignored)', async () => {
    const vae = createModel(
      { kind: 'vae', inputShape: [4], latentDim: 2, encoder: { type: 'mlp', hidden: [3] } },
      { seed: 1 },
    );
    await expect(train(vae, { x, labels }, { epochs: 1, batchSize: 4 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(train(vae, { x, labels }, { epochs: 1, batchSize: 4 })).rejects.toThrow(
      /data\.labels.*vae without classes.*CVAE/,
    );
    await expect(
      train(vae, { x }, { epochs: 1, batchSize: 4, validation: { x, labels } }),
    ).rejects.toThrow(/validation\.labels/);
    const result = await train(vae, { x }, { epochs: 1, batchSize: 4 });
    expect(result.steps).toBe(2);
    vae.dispose();
  });

  it('still requires them for a CVAE', async () => {
    const cvae = createModel(
      {
        kind: 'cvae',
        numClasses: 2,
        inputShape: [4],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [3] },
      },
      { seed: 1 },
    );
    await expect(train(cvae, { x }, { epochs: 1, batchSize: 4 })).rejects.toThrow(/required/);
    const result = await train(cvae, { x, labels }, { epochs: 1, batchSize: 4 });
    expect(result.steps).toBe(2);
    cvae.dispose();
  });
});
