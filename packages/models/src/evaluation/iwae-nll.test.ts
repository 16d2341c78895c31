import {
  bernoulliNllFromLogits,
  gaussianLogProb,
  InvalidArgumentError,
  initBackend,
  klStandardNormal,
  reparameterize,
  standardNormalLogProb,
  tf,
  toRng,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistImages, mnistSubset } from '../../test/support/mnist-subset.js';
import { createModel } from '../model/create-model.js';
import type { Model } from '../model/model.js';
import { train } from '../training/train.js';
import { evaluateElbo } from './evaluate-elbo.js';
import { iwaeNll } from './iwae-nll.js';

let model: Model;
const test = mnistSubset(200, 'test');

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  model = createModel(
    { kind: 'vae', inputShape: [784], latentDim: 8, encoder: { type: 'mlp', hidden: [128] } },
    { seed: 1 },
  );
  await train(model, mnistImages(1000), { epochs: 3, batchSize: 50, seed: 1 });
});

describe('evaluateElbo and iwaeNll', () => {
  it('evaluateElbo equals the tensor package on the same batch (closed-form KL)', () => {
    const est = evaluateElbo(model, test, { batchSize: 200, seed: 4 });
    const ref = tf.tidy(() => {
      const x = tf.tensor2d(test.x, [200, 784]);
      const { mu, logVar } = model.encode(x);
      const z = reparameterize(mu, logVar!, toRng(4).fork('elbo').fork(0).fork(0));
      const recon = bernoulliNllFromLogits(model.decode(z), x);
      const kl = klStandardNormal(mu, logVar!);
      return [recon.dataSync()[0]!, kl.dataSync()[0]!];
    });
    expect(est.recon).toBeCloseTo(ref[0]!, 2);
    expect(est.kl).toBeCloseTo(ref[1]!, 3);
    expect(est.negElbo).toBeCloseTo(ref[0]! + ref[1]!, 2);
    expect(est.n).toBe(200);
  });

  it('IWAE with k = 1 is the single-sample Monte-Carlo ELBO, and agrees with the closed form on average', () => {
    const iw = iwaeNll(model, test, { k: 1, batchSize: 200, seed: 7 });
    const mc = tf.tidy(() => {
      const x = tf.tensor2d(test.x, [200, 784]);
      const { mu, logVar } = model.encode(x);
      const z = reparameterize(mu, logVar!, toRng(7).fork('iwae').fork(0).fork(0), { samples: 1 });
      const logPxz = tf.neg(
        bernoulliNllFromLogits(model.decode(tf.squeeze(z, [0])), x, { reduction: 'none' }),
      );
      const logW = tf.sub(
        tf.add(logPxz, standardNormalLogProb(tf.squeeze(z, [0]))),
        gaussianLogProb(tf.squeeze(z, [0]), mu, logVar!),
      );
      return Array.from(tf.neg(logW).dataSync());
    });
    for (let i = 0; i < 200; i++) expect(iw.perExample[i]).toBeCloseTo(mc[i]!, 2);
    // E[−L_1] = −ELBO: average several seeds and compare with the closed-form-KL estimate.
    const runs = [1, 2, 3, 4, 5].map((s) => iwaeNll(model, test, { k: 1, seed: s }).nll);
    const elbos = [1, 2, 3, 4, 5].map((s) => evaluateElbo(model, test, { seed: s }).negElbo);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean(runs) - mean(elbos))).toBeLessThan(0.01 * mean(elbos));
  });

  it('IWAE NLL with k > 1 is below the negative ELBO and falls with k; chunking does not change it', () => {
    const elbo = evaluateElbo(model, test, { samples: 4 }).negElbo;
    const k10 = iwaeNll(model, test, { k: 10, seed: 3 }).nll;
    const k50 = iwaeNll(model, test, { k: 50, seed: 3 });
    expect(k10).toBeLessThan(elbo);
    expect(k50.nll).toBeLessThan(k10);
    const chunked = iwaeNll(model, test, { k: 50, seed: 3, maxRows: 700 }); // chunks of 7 samples
    expect(chunked.nll).toBeLessThan(elbo);
    expect(Math.abs(chunked.nll - k50.nll)).toBeLessThan(1);
  });

  it('refuses an AE, a VQ-VAE and bad options', () => {
    const ae = createModel(
      { kind: 'ae', inputShape: [784], latentDim: 2, encoder: { type: 'mlp', hidden: [] } },
      { seed: 1 },
    );
    const vq = createModel(
      {
        kind: 'vqvae',
        inputShape: [784],
        latentDim: 2,
        groups: 2,
        encoder: { type: 'mlp', hidden: [8] },
        quantizer: { type: 'vq', numCodes: 4 },
      },
      { seed: 1 },
    );
    expect(() => iwaeNll(ae, test)).toThrow(InvalidArgumentError);
    expect(() => iwaeNll(vq, test)).toThrow(/kind 'vqvae'/);
    expect(() => iwaeNll(model, test, { k: 0 })).toThrow(InvalidArgumentError);
    ae.dispose();
    vq.dispose();
  });

  it("refuses a model of kind 'vae' whose encode gives no logVar, with an InvalidArgumentError", () => {
    const noLogVar: Model = {
      ...model,
      encode: (x, labels) => ({ mu: model.encode(x, labels).mu, logVar: undefined }),
    };
    const run = () => iwaeNll(noLogVar, mnistSubset(10, 'test'), { k: 2 });
    expect(run).toThrow(InvalidArgumentError);
    expect(run).toThrow(/must give logVar from encode/);
  });
});
