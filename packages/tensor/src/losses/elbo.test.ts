import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bernoulliNllFromLogits } from './bernoulli-nll.js';
import { elbo } from './elbo.js';
import { klStandardNormal, klStandardNormalPerDim } from './kl-standard-normal.js';
import {
  describeOnBackends,
  expectClose,
  expectNoLeak,
  loadLossReference,
  tfGradients,
  withTensors,
} from './test-support.js';

const ref = loadLossReference();
const batch = ref.x.length;
const bce = ref.bce_with_logits_sum_nats_x;
const kl = ref.kl_to_standard_normal_nats;
const avg = (v: number[]) => v.reduce((a, c) => a + c, 0) / v.length;

describeOnBackends('elbo', () => {
  it('combines the losses into recon + β·KL per example, matching the PyTorch terms', () => {
    withTensors([ref.logits, ref.x, ref.mu, ref.logvar], (logits, x, mu, logVar) => {
      const recon = bernoulliNllFromLogits(logits, x, { reduction: 'none' });
      const klPer = klStandardNormal(mu, logVar, { reduction: 'none' });
      const klDims = klStandardNormalPerDim(mu, logVar);
      for (const beta of [1, 0.25]) {
        const terms = elbo(recon, klPer, { beta });
        const fromDims = elbo(recon, klDims, { beta });
        const none = elbo(recon, klPer, { beta, reduction: 'none' });
        const sum = elbo(recon, klPer, { beta, reduction: 'sum' });
        const perExample = bce.map((r, i) => r + beta * kl[i]!);
        expect(terms.loss.shape).toEqual([]);
        expectClose(terms.loss.dataSync(), [avg(perExample)], 1e-5);
        expectClose(terms.recon.dataSync(), [avg(bce)], 1e-5);
        expectClose(terms.kl.dataSync(), [avg(kl)], 1e-5);
        expectClose(fromDims.loss.dataSync(), [avg(perExample)], 1e-5);
        expect(none.loss.shape).toEqual([batch]);
        expectClose(none.loss.dataSync(), perExample, 1e-5);
        expectClose(none.kl.dataSync(), kl, 1e-5);
        expectClose(sum.loss.dataSync(), [avg(perExample) * batch], 1e-5);
        tf.dispose([terms, fromDims, none, sum]);
      }
      tf.dispose([recon, klPer, klDims]);
    });
  });

  it('has gradients 1/batch w.r.t. recon and β/batch w.r.t. KL', () => {
    withTensors([[[1, 2, 3]], [[0.5, 0.1, 0.2]]], (r2, k2) => {
      const r = tf.reshape(r2, [3]);
      const k = tf.reshape(k2, [3]);
      const [gr, gk] = tfGradients((a, c) => elbo(a!, c!, { beta: 0.3 }).loss, [r, k]);
      expectClose(gr!, [1 / 3, 1 / 3, 1 / 3], 1e-6);
      expectClose(gk!, [0.1, 0.1, 0.1], 1e-6);
      tf.dispose([r, k]);
    });
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[1], [2]], [[1, 2, 3]]], (two, one) => {
      expect(() => elbo(two, one)).toThrow(ShapeError);
      expect(() => elbo(two, one)).toThrow(/recon batch size 2.*kl batch size 1/);
      expect(() => elbo(two, two, { beta: -1 })).toThrow(InvalidArgumentError);
      expect(() => elbo(two, two, { beta: Number.NaN })).toThrow(InvalidArgumentError);
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => elbo(two, two, { reduction: 'avg' as any })).toThrow(UnknownOptionError);
      const s = tf.scalar(1);
      expect(() => elbo(s, s)).toThrow(ShapeError);
      s.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [[0.5], [0.1]],
      ],
      (r, k) => {
        expectNoLeak(() => elbo(r, k));
        expectNoLeak(() => elbo(r, k, { reduction: 'none' }));
      },
    );
  });
});
