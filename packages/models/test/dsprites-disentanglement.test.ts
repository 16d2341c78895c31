import {
  DSPRITES_FACTOR_NAMES,
  DSPRITES_FACTOR_SIZES,
  dspritesIndexFromFactors,
  renderDsprites,
} from '@latentkit/datasets';
import { createRng, InvalidArgumentError, initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMig } from '../src/evaluation/disentanglement/compute-mig.js';
import { dspritesFactorSource } from '../src/evaluation/disentanglement/dsprites-factor-source.js';
import type { FactorSource } from '../src/evaluation/disentanglement/factor-source.js';
import { factorVaeScore } from '../src/evaluation/disentanglement/factor-vae-score.js';
import { sampleUniformFactors } from '../src/evaluation/disentanglement/sample-uniform-factors.js';
import { encodeLatent } from '../src/latent/encode-latent.js';
import { createModel } from '../src/model/create-model.js';
import type { Model } from '../src/model/model.js';

const R = 16; // small images keep the test fast
let model: Model;
let source: FactorSource;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  model = createModel(
    { kind: 'vae', inputShape: [R * R], latentDim: 4, encoder: { type: 'mlp', hidden: [32] } },
    { seed: 3 },
  );
  source = dspritesFactorSource(model, { renderDsprites, resolution: R, batchSize: 100 });
});

afterAll(() => model.dispose());

describe('dspritesFactorSource (real renderer, tiny untrained model)', () => {
  it("uses @latentkit/datasets' factor sizes and image order, and the model's posterior mean", async () => {
    expect(source.factorSizes).toEqual(DSPRITES_FACTOR_NAMES.map((k) => DSPRITES_FACTOR_SIZES[k]));
    const n = 60;
    const factors = sampleUniformFactors(source.factorSizes, n, createRng(4));
    const codes = await source.encode(factors, n);
    // Independent path: datasets' own index function, renderer and encodeLatent on one batch.
    const indices = Array.from({ length: n }, (_, i) => {
      const f = factors.subarray(i * 5, i * 5 + 5);
      return dspritesIndexFromFactors({
        shape: f[0]!,
        scale: f[1]!,
        orientation: f[2]!,
        posX: f[3]!,
        posY: f[4]!,
      });
    });
    const x = tf.tensor(Float32Array.from(renderDsprites(indices, { resolution: R })), [n, R * R]);
    const z = encodeLatent(model, x);
    expect(Array.from(codes)).toEqual(Array.from(z.dataSync()));
    tf.dispose([x, z]);
  });

  it('MIG and FactorVAE run end to end, deterministically and without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const migOpts = { seed: 1, numPoints: 600 };
    const fvOpts = { seed: 1, numTrain: 60, numEval: 30, numVarianceEstimate: 600 };
    const mig = await computeMig(source, migOpts);
    const fv = await factorVaeScore(source, fvOpts);
    expect(tf.memory().numTensors).toBe(before);
    expect(mig.latentDim).toBe(4);
    expect(mig.mig).toBeGreaterThanOrEqual(0);
    expect(mig.mig).toBeLessThanOrEqual(1);
    expect(fv.latentDim).toBe(4);
    for (const a of [fv.trainAccuracy, fv.evalAccuracy]) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
    }
    expect(await computeMig(source, migOpts)).toEqual(mig);
    expect(await factorVaeScore(source, fvOpts)).toEqual(fv);
  });

  it('refuses a resolution that does not fit the model, a CVAE and a missing renderer', () => {
    expect(() => dspritesFactorSource(model, { renderDsprites, resolution: 32 })).toThrow(
      /do not fit/,
    );
    const cvae = createModel(
      {
        kind: 'cvae',
        numClasses: 3,
        inputShape: [R * R],
        latentDim: 2,
        encoder: { type: 'mlp', hidden: [8] },
      },
      { seed: 1 },
    );
    expect(() => dspritesFactorSource(cvae, { renderDsprites, resolution: R })).toThrow(/CVAE/);
    cvae.dispose();
    expect(() => dspritesFactorSource(model, {} as never)).toThrow(InvalidArgumentError);
  });
});
