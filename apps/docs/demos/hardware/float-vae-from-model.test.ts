import { createModel } from '@latentkit/models';
import { runFloatVae } from '@latentkit/quantize';
import { InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { floatVaeFromModel } from './float-vae-from-model.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('floatVaeFromModel', () => {
  it('gives the same μ, log σ² and E[x|μ] as the tfjs model (Gaussian and Bernoulli decoders)', () => {
    for (const likelihood of ['gaussian', 'bernoulli'] as const) {
      const model = createModel(
        {
          kind: 'vae',
          inputShape: [4],
          latentDim: 2,
          encoder: { type: 'mlp', hidden: [16], activation: 'tanh' },
          decoder: { type: 'mlp', hidden: [16, 8], activation: 'relu' },
          likelihood,
        },
        9,
      );
      const vae = floatVaeFromModel(model.config, model.store.toRecord());
      expect(vae.encoder.layers.map((l) => [l.inFeatures, l.outFeatures, l.activation])).toEqual([
        [4, 16, 'tanh'],
        [16, 4, 'linear'],
      ]);
      expect(vae.decoder.layers.at(-1)!.activation).toBe(
        likelihood === 'bernoulli' ? 'sigmoid' : 'linear',
      );
      const x = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
      const ref = tf.tidy(() => {
        const { mu, logVar } = model.encode(tf.tensor2d(x, [3, 4]));
        return [mu.dataSync(), logVar!.dataSync(), model.decodeMean(mu).dataSync()];
      });
      const f = runFloatVae(vae, x);
      for (const [got, want] of [
        [f.mu, ref[0]!],
        [f.logVar, ref[1]!],
        [f.reconstruction, ref[2]!],
      ] as const) {
        expect(got).toHaveLength(want.length);
        for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
      }
      model.dispose();
    }
  });

  it('refuses models with no hardware form', () => {
    const cvae = createModel(
      {
        kind: 'cvae',
        inputShape: [4],
        latentDim: 2,
        numClasses: 3,
        encoder: { type: 'mlp', hidden: [4] },
      },
      1,
    );
    expect(() => floatVaeFromModel(cvae.config, cvae.store.toRecord())).toThrow(
      InvalidArgumentError,
    );
    cvae.dispose();
    const elu = createModel(
      {
        kind: 'vae',
        inputShape: [4],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [4], activation: 'elu' },
      },
      1,
    );
    expect(() => floatVaeFromModel(elu.config, elu.store.toRecord())).toThrow(/no hardware unit/);
    elu.dispose();
  });
});
