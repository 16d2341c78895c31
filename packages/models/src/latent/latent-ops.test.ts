import {
  bernoulliNllFromLogits,
  InvalidArgumentError,
  initBackend,
  reparameterize,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistImages, mnistSubset } from '../../test/support/mnist-subset.js';
import { createModel } from '../model/create-model.js';
import type { Model } from '../model/model.js';
import { train } from '../training/train.js';
import { anomalyScore } from './anomaly-score.js';
import { encodeLatent } from './encode-latent.js';
import { interpolateLatent } from './interpolate-latent.js';
import { sampleModel } from './sample-model.js';
import { traverseLatent } from './traverse-latent.js';

let model: Model;
const digits = mnistSubset(100, 'test');

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  model = createModel(
    { kind: 'vae', inputShape: [784], latentDim: 4, encoder: { type: 'mlp', hidden: [64] } },
    { seed: 1 },
  );
  await train(model, mnistImages(1000), { epochs: 2, batchSize: 50, seed: 1 });
});

const arr = (t: tf.Tensor) => Array.from(t.dataSync());

describe('latent operations', () => {
  it('interpolateLatent: linear and spherical paths with exact ends', () => {
    tf.tidy(() => {
      const a = tf.tensor1d([3, 0]);
      const b = tf.tensor1d([0, 3]);
      const lin = interpolateLatent(a, b, 3);
      expect(arr(lin)).toEqual([3, 0, 1.5, 1.5, 0, 3]);
      const sl = interpolateLatent(a, b, 3, { method: 'spherical' });
      const s = arr(sl);
      expect(s[0]).toBeCloseTo(3, 5);
      expect(s[5]).toBeCloseTo(3, 5);
      // Midpoint of a quarter circle of radius 3: (3/√2, 3/√2), norm preserved.
      expect(s[2]).toBeCloseTo(3 / Math.SQRT2, 5);
      expect(s[3]).toBeCloseTo(3 / Math.SQRT2, 5);
      const same = interpolateLatent(a, a, 4, { method: 'spherical' });
      expect(arr(same)).toEqual([3, 0, 3, 0, 3, 0, 3, 0]);
      expect(() => interpolateLatent(a, tf.zeros([3]), 3)).toThrow(ShapeError);
      expect(() => interpolateLatent(a, b, 1)).toThrow(InvalidArgumentError);
      // A scalar has no last axis: the error states no size for it.
      const scalar = tf.scalar(1);
      expect(() => interpolateLatent(scalar, scalar, 3)).toThrow(ShapeError);
      try {
        interpolateLatent(scalar, scalar, 3);
      } catch (error) {
        expect((error as ShapeError).expected).toEqual([null]);
      }
    });
  });

  it('encodeLatent (mean and sample), sampleModel and traverseLatent', () => {
    tf.tidy(() => {
      const x = tf.tensor2d(digits.x.subarray(0, 5 * 784), [5, 784]);
      const { mu, logVar } = model.encode(x);
      expect(arr(encodeLatent(model, x))).toEqual(arr(mu));
      expect(arr(encodeLatent(model, x, { mode: 'sample', seed: 3 }))).toEqual(
        arr(reparameterize(mu, logVar!, 3)),
      );
      expect(() => encodeLatent(model, x, { mode: 'sample' })).toThrow(/seed/);
      const s1 = sampleModel(model, 6, { seed: 2 });
      expect(s1.shape).toEqual([6, 784]);
      expect(arr(s1)).toEqual(arr(sampleModel(model, 6, { seed: 2 })));
      const vals = s1.dataSync();
      expect(vals.every((v) => v >= 0 && v <= 1)).toBe(true);
      const z = tf.tensor1d([0.1, -0.2, 0.3, 0.4]);
      const tr = traverseLatent(model, z, { dim: 2, values: [-2, 0, 2] });
      expect(tr.shape).toEqual([3, 784]);
      const codes = tf.tensor2d([
        [0.1, -0.2, -2, 0.4],
        [0.1, -0.2, 0, 0.4],
        [0.1, -0.2, 2, 0.4],
      ]);
      expect(tf.max(tf.abs(tf.sub(tr, model.decodeMean(codes)))).dataSync()[0]).toBeLessThan(1e-6);
      expect(() => traverseLatent(model, z, { dim: 4 })).toThrow(InvalidArgumentError);
    });
  });

  it('sampleModel refuses a VQ-VAE and points to the prior', () => {
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
    expect(() => sampleModel(vq, 2, { seed: 1 })).toThrow(/samplePrior/);
    vq.dispose();
  });

  it('anomalyScore: equals −log p(x|z) for L = 1 and ranks noise above digits', () => {
    tf.tidy(() => {
      const x = tf.tensor2d(digits.x, [100, 784]);
      const one = anomalyScore(model, x, { samples: 1, seed: 5 });
      const { mu, logVar } = model.encode(x);
      const z = tf.squeeze(reparameterize(mu, logVar!, 5, { samples: 1 }), [0]);
      const ref = bernoulliNllFromLogits(model.decode(z), x, { reduction: 'none' });
      expect(tf.max(tf.abs(tf.sub(one, ref))).dataSync()[0]).toBeLessThan(1e-2);
      const noise = tf.randomUniform([100, 784], 0, 1, 'float32', 1);
      const sDigits = anomalyScore(model, x, { samples: 5 }).dataSync();
      const sNoise = anomalyScore(model, noise, { samples: 5 }).dataSync();
      const maxDigit = Math.max(...sDigits);
      expect(Math.min(...sNoise)).toBeGreaterThan(maxDigit);
    });
  });
});
