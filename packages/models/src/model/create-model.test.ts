import {
  bernoulliNllFromLogits,
  createRng,
  gaussianNll,
  InvalidArgumentError,
  initBackend,
  klStandardNormal,
  reparameterize,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_VAE_SHAPES } from '../io/testing/reference-files.js';
import { createModel } from './create-model.js';
import type { ModelConfig } from './model-config.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const mlp = (over: Partial<ModelConfig> = {}): ModelConfig => ({
  kind: 'vae',
  inputShape: [12],
  latentDim: 3,
  encoder: { type: 'mlp', hidden: [8] },
  ...over,
});

function data(batch: number, d: number, seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: batch * d }, () => rng.next()),
    [batch, d],
  );
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('createModel', () => {
  it('builds the pytorch/examples VAE with hierarchical names and [in, out] weights', () => {
    const m = createModel(
      { kind: 'vae', inputShape: [784], latentDim: 20, encoder: { type: 'mlp', hidden: [400] } },
      { seed: 1 },
    );
    const shapes = Object.fromEntries(
      Object.entries(m.store.variables()).map(([k, v]) => [k, v.shape]),
    );
    expect(shapes).toEqual(REFERENCE_VAE_SHAPES);
    m.dispose();
  });

  it('a model rebuilt from its resolved config has the same config and weights (save/load)', () => {
    for (const over of [
      { kind: 'ae' },
      { kind: 'vae' },
      { kind: 'cvae', numClasses: 3 },
    ] as const) {
      const a = createModel(mlp(over), { seed: 5 });
      const b = createModel(a.config, { seed: 5 });
      expect(b.config).toEqual(a.config);
      const ra = a.store.toRecord();
      const rb = b.store.toRecord();
      expect(Object.keys(rb)).toEqual(Object.keys(ra));
      for (const k of Object.keys(ra)) expect(rb[k]!.data).toEqual(ra[k]!.data);
      a.dispose();
      b.dispose();
    }
  });

  it('same seed → same weights; different seed → different weights', () => {
    const a = createModel(mlp(), { seed: 5 });
    const b = createModel(mlp(), { seed: 5 });
    const c = createModel(mlp(), { seed: 6 });
    const w = (m: typeof a) => Array.from(m.store.get('encoder.fc1.weight').dataSync());
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    for (const m of [a, b, c]) m.dispose();
  });

  for (const likelihood of ['bernoulli', 'gaussian', 'gaussian-learned'] as const) {
    it(`lossTerms (${likelihood}) match @latentkit/tensor on the same μ, log σ², z`, () => {
      const m = createModel(mlp({ likelihood, outputStd: 0.5 }), { seed: 2 });
      const x = data(6, 12, 3);
      tf.tidy(() => {
        const terms = m.lossTerms(x, { seed: 11 });
        const { mu, logVar } = m.encode(x);
        expect(maxAbsDiff(terms.mu, mu)).toBe(0);
        const z = reparameterize(mu, logVar!, 11);
        expect(maxAbsDiff(terms.z, z)).toBe(0);
        const kl = klStandardNormal(mu, logVar!, { reduction: 'none' });
        expect(maxAbsDiff(terms.kl!, kl)).toBeLessThan(1e-5);
        expect(maxAbsDiff(tf.sum(terms.klPerDim!, 1), kl)).toBeLessThan(1e-5);
        const loc = m.decode(z);
        expect(loc.shape).toEqual([6, 12]);
        let recon: tf.Tensor;
        if (likelihood === 'bernoulli') {
          recon = bernoulliNllFromLogits(loc, x, { reduction: 'none' });
          expect(maxAbsDiff(m.decodeMean(z), tf.sigmoid(loc))).toBeLessThan(1e-6);
        } else if (likelihood === 'gaussian') {
          recon = gaussianNll(loc, x, { std: 0.5, reduction: 'none' });
        } else {
          // Independent reading of the documented parameterization: the decoder's raw output is
          // [μ | r]; log σ² = m + softplus(r − m), m = 2·log(0.01).
          const w = m.store.get('decoder.out.weight');
          const bias = m.store.get('decoder.out.bias');
          const h = tf.relu(
            tf.add(
              tf.matMul(z, m.store.get('decoder.fc1.weight')),
              m.store.get('decoder.fc1.bias'),
            ),
          );
          const raw = tf.add(tf.matMul(h, w), bias);
          const lo = 2 * Math.log(0.01);
          const lv = tf.add(tf.softplus(tf.sub(tf.slice(raw, [0, 12], [6, 12]), lo)), lo);
          expect(maxAbsDiff(tf.slice(raw, [0, 0], [6, 12]), loc)).toBeLessThan(1e-5);
          recon = gaussianNll(loc, x, { logVar: lv, reduction: 'none' });
        }
        expect(maxAbsDiff(terms.recon, recon)).toBeLessThan(1e-3);
        expect(maxAbsDiff(m.logLikelihood(x, z), tf.neg(recon))).toBeLessThan(1e-3);
      });
      x.dispose();
      m.dispose();
    });
  }

  it('logLikelihood with a sample axis [k, batch, D] equals the per-sample values', () => {
    const m = createModel(mlp(), { seed: 3 });
    const x = data(4, 12, 1);
    tf.tidy(() => {
      const z = tf.randomNormal([3, 4, 3], 0, 1, 'float32', 9);
      const all = m.logLikelihood(x, z);
      expect(all.shape).toEqual([3, 4]);
      const rows = tf.unstack(z).map((zi) => m.logLikelihood(x, zi));
      expect(maxAbsDiff(all, tf.stack(rows))).toBeLessThan(1e-4);
    });
    x.dispose();
    m.dispose();
  });

  it('AE: code only, no KL; CVAE: labels change the output', () => {
    const ae = createModel(mlp({ kind: 'ae' }), { seed: 1 });
    expect(ae.store.has('encoder.logVar.weight')).toBe(false);
    const x = data(5, 12, 2);
    tf.tidy(() => {
      const t = ae.lossTerms(x);
      expect(t.kl).toBeUndefined();
      expect(t.recon.shape).toEqual([5]);
      expect(maxAbsDiff(t.z, ae.encode(x).mu)).toBe(0);
    });
    const cvae = createModel(mlp({ kind: 'cvae', numClasses: 4 }), { seed: 1 });
    expect(cvae.store.get('encoder.fc1.weight').shape).toEqual([16, 8]);
    expect(cvae.store.get('decoder.fc1.weight').shape).toEqual([7, 8]);
    tf.tidy(() => {
      const z = tf.zeros([5, 3]);
      const a = cvae.decode(z, [0, 0, 0, 0, 0]);
      const b = cvae.decode(z, [1, 1, 1, 1, 1]);
      expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-4);
    });
    x.dispose();
    ae.dispose();
    cvae.dispose();
  });

  it('conv encoder/decoder (both upsampling modes) map [28, 28, 1] images back to that shape', () => {
    for (const upsample of ['depthToSpace', 'transpose'] as const) {
      const m = createModel(
        {
          kind: 'vae',
          inputShape: [28, 28, 1],
          latentDim: 4,
          encoder: { type: 'conv', channels: [4, 8], hidden: [16] },
          decoder: { type: 'conv', channels: [8, 4], hidden: [16], upsample },
        },
        { seed: 1 },
      );
      tf.tidy(() => {
        const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 1);
        const t = m.lossTerms(x, { seed: 1 });
        expect(t.mu.shape).toEqual([2, 4]);
        expect(m.decode(t.z).shape).toEqual([2, 28, 28, 1]);
        expect(t.recon.shape).toEqual([2]);
      });
      m.dispose();
    }
  });

  it('refuses a σ whose square is not a normal float32 number; accepts the ends of the range', () => {
    for (const outputStd of [1e-300, 1e-20, 1e20]) {
      expect(() => createModel(mlp({ likelihood: 'gaussian', outputStd }), { seed: 1 })).toThrow(
        InvalidArgumentError,
      );
    }
    expect(() =>
      createModel(mlp({ likelihood: 'gaussian-learned', minOutputStd: 1e-300 }), { seed: 1 }),
    ).toThrow(/minOutputStd: must be in \[2\^-63, 2\^63\]/);
    const m = createModel(mlp({ likelihood: 'gaussian', outputStd: 2 ** -60 }), { seed: 1 });
    const x = data(4, 12, 3);
    const recon = tf.tidy(() => m.lossTerms(x, { seed: 1 }).recon.dataSync());
    // A tiny σ gives a huge but finite −log p(x|z), not NaN.
    expect(Array.from(recon).every(Number.isFinite)).toBe(true);
    x.dispose();
    m.dispose();
  });

  it('rejects bad configs and inputs with typed errors', () => {
    expect(() => createModel(mlp({ kind: 'gan' as never }), { seed: 1 })).toThrow(
      UnknownOptionError,
    );
    expect(() => createModel(mlp({ likelihood: 'poisson' as never }), { seed: 1 })).toThrow(
      UnknownOptionError,
    );
    expect(() => createModel({ ...mlp(), latentDims: 3 } as never, { seed: 1 })).toThrow(
      UnknownOptionError,
    );
    expect(() => createModel(mlp({ kind: 'cvae' }), { seed: 1 })).toThrow(/numClasses/);
    expect(() => createModel(mlp({ numClasses: 3 }), { seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => createModel(mlp({ latentDim: 0 }), { seed: 1 })).toThrow(InvalidArgumentError);
    expect(() =>
      createModel(mlp({ encoder: { type: 'conv', channels: [4] } }), { seed: 1 }),
    ).toThrow(/\[H, W, C\]/);
    expect(() =>
      createModel(
        mlp({ inputShape: [10, 10, 1], encoder: { type: 'conv', channels: [4, 4], stride: 4 } }),
        { seed: 1 },
      ),
    ).toThrow(/divisible/);
    const m = createModel(mlp(), { seed: 1 });
    const bad = tf.zeros([2, 11]);
    expect(() => m.encode(bad)).toThrow(ShapeError);
    expect(() => m.decode(tf.zeros([2, 4]))).toThrow(ShapeError);
    expect(() => m.encode(tf.zeros([2, 12]), [0, 1])).toThrow(/takes no labels/);
    expect(() => m.lossTerms(tf.zeros([2, 12]))).toThrow(/seed/);
    const c = createModel(mlp({ kind: 'cvae', numClasses: 3 }), { seed: 1 });
    const x = tf.zeros([2, 12]);
    expect(() => c.encode(x)).toThrow(/required by a CVAE/);
    expect(() => c.encode(x, [0])).toThrow(ShapeError);
    expect(() => c.encode(x, [0, 3])).toThrow(/outside \[0, 3\)/);
    tf.dispose([bad, x]);
    m.dispose();
    c.dispose();
  });
});
