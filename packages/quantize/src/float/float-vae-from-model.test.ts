import { createModel, type Model, type ModelConfig } from '@latentkit/models';
import { createRng, InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFloatVae } from './float-vae.js';
import { floatVaeFromModel } from './float-vae-from-model.js';

// The bridge is checked against the model it reads: its float64 forward pass must give the tfjs
// model's own μ, log σ² and E[x|z = μ].

const fromModel = (model: Model) => floatVaeFromModel(model.config, model.store.toRecord());

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

/** max |float64 description − tfjs model| of μ, log σ² and E[x|z = μ] on random rows. */
function maxDifference(config: ModelConfig, seed: number): number {
  const model = createModel(config, { seed });
  const vae = fromModel(model);
  const d = config.inputShape[0]!;
  const rng = createRng(seed + 100);
  const x = Float32Array.from({ length: 7 * d }, () => rng.next());
  const f = runFloatVae(vae, x);
  const [mu, logVar, mean] = tf.tidy(() => {
    const p = model.encode(tf.tensor2d(x, [7, d]));
    return [p.mu, p.logVar!, model.decodeMean(p.mu)];
  });
  let m = 0;
  for (const [t, ref] of [
    [mu, f.mu],
    [logVar, f.logVar],
    [mean, f.reconstruction],
  ] as const) {
    const v = t.dataSync();
    expect(v.length).toBe(ref.length);
    for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]! - ref[i]!));
    t.dispose();
  }
  model.dispose();
  return m;
}

describe('floatVaeFromModel', () => {
  it('gives the same μ, log σ² and E[x|z = μ] as the tfjs model (Bernoulli, ReLU, 2 hidden layers)', () => {
    const config: ModelConfig = {
      kind: 'vae',
      inputShape: [12],
      latentDim: 3,
      encoder: { type: 'mlp', hidden: [9, 5], activation: 'relu' },
    };
    expect(maxDifference(config, 1)).toBeLessThan(1e-5);
  });

  it('maps a Gaussian decoder to a linear output and keeps tanh/leaky ReLU', () => {
    const config: ModelConfig = {
      kind: 'vae',
      inputShape: [6],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [8], activation: 'tanh' },
      decoder: { type: 'mlp', hidden: [8], activation: 'leakyRelu' },
      likelihood: 'gaussian',
    };
    expect(maxDifference(config, 2)).toBeLessThan(1e-5);
    const model = createModel(config, { seed: 2 });
    const vae = fromModel(model);
    model.dispose();
    expect(vae.encoder.layers.map((l) => [l.name, l.activation, l.outFeatures])).toEqual([
      ['encoder.fc1', 'tanh', 8],
      ['encoder.head', 'linear', 4],
    ]);
    expect(vae.decoder.layers.map((l) => [l.name, l.activation])).toEqual([
      ['decoder.fc1', 'leakyRelu'],
      ['decoder.out', 'linear'],
    ]);
  });

  it('joins the μ and log σ² heads column-wise ([in, out] row-major)', () => {
    const config: ModelConfig = {
      kind: 'vae',
      inputShape: [4],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [], activation: 'relu' },
    };
    const model = createModel(config, { seed: 3 });
    const rec = model.store.toRecord();
    const head = fromModel(model).encoder.layers[0]!;
    model.dispose();
    const mu = rec['encoder.mu.weight']!.data;
    const lv = rec['encoder.logVar.weight']!.data;
    // Row i of the joined weight: mu[i, 0..1], logVar[i, 0..1].
    expect(Array.from(head.weight.subarray(4, 8))).toEqual([mu[2], mu[3], lv[2], lv[3]]);
    expect(Array.from(head.bias)).toEqual([
      ...Array.from(rec['encoder.mu.bias']!.data),
      ...Array.from(rec['encoder.logVar.bias']!.data),
    ]);
  });

  it('refuses models it cannot describe', () => {
    const cvae = createModel(
      {
        kind: 'cvae',
        inputShape: [4],
        latentDim: 2,
        numClasses: 3,
        encoder: { type: 'mlp', hidden: [4] },
      },
      { seed: 1 },
    );
    expect(() => fromModel(cvae)).toThrow(InvalidArgumentError);
    cvae.dispose();
    const learned = createModel(
      {
        kind: 'vae',
        inputShape: [4],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [4] },
        likelihood: 'gaussian-learned',
      },
      { seed: 1 },
    );
    expect(() => fromModel(learned)).toThrow(/'gaussian-learned' has no hardware form/);
    learned.dispose();
    const elu = createModel(
      {
        kind: 'vae',
        inputShape: [4],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [4], activation: 'elu' },
      },
      { seed: 1 },
    );
    expect(() => fromModel(elu)).toThrow(/'elu' has no hardware unit/);
    const record = elu.store.toRecord();
    elu.dispose();
    const relu = {
      ...elu.config,
      encoder: { ...elu.config.encoder, activation: 'relu' },
      decoder: { ...elu.config.decoder, activation: 'relu' },
    };
    const { 'encoder.mu.weight': _dropped, ...withoutMu } = record;
    expect(() => floatVaeFromModel(relu, withoutMu)).toThrow(/encoder\.mu\.weight/);
  });
});
