import { createModel, type Model } from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';
import { afterAll, beforeAll } from 'vitest';

/**
 * Test support: a small untrained 2-D VAE (784-16-2, seed 4) on the wasm backend, created before
 * the file's tests and disposed after them. Call at the top of a test file; read the model
 * through the returned getter inside tests.
 */
export function useTinyLatentModel(): () => Model {
  let model: Model | undefined;
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    model = createModel(
      { kind: 'vae', inputShape: [784], latentDim: 2, encoder: { type: 'mlp', hidden: [16] } },
      { seed: 4 },
    );
  });
  afterAll(() => model?.dispose());
  return () => model!;
}
