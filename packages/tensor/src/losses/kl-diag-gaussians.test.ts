import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { klDiagGaussians, klDiagGaussiansPerDim } from './kl-diag-gaussians.js';
import { klStandardNormal, klStandardNormalPerDim } from './kl-standard-normal.js';
import {
  describeOnBackends,
  expectClose,
  expectNoLeak,
  fdGradients,
  flat,
  loadLossReference,
  tfGradients,
  withTensors,
} from './test-support.js';

const ref = loadLossReference();
const batch = ref.mu.length;
const dim = ref.mu[0]!.length;
const zeros = ref.mu.map((r) => r.map(() => 0));

// Independent float64 form: E_q[log q − log p] written with variances, not log-variances.
function klMean(m1: number[], lv1: number[], m2: number[], lv2: number[]): number {
  let s = 0;
  m1.forEach((m, i) => {
    const v1 = Math.exp(lv1[i]!);
    const v2 = Math.exp(lv2[i]!);
    s += Math.log(Math.sqrt(v2) / Math.sqrt(v1)) + (v1 + (m - m2[i]!) ** 2) / (2 * v2) - 0.5;
  });
  return s / batch;
}

describeOnBackends('klDiagGaussians', () => {
  it('matches PyTorch (float64) to 1e-5, for every reduction', () => {
    const expected = ref.kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats;
    const total = expected.reduce((a, b) => a + b, 0);
    withTensors([ref.mu, ref.logvar, ref.mu2, ref.logvar2], (m1, v1, m2, v2) => {
      const none = klDiagGaussians(m1, v1, m2, v2, { reduction: 'none' });
      const mean = klDiagGaussians(m1, v1, m2, v2);
      const sum = klDiagGaussians(m1, v1, m2, v2, { reduction: 'sum' });
      const perDim = klDiagGaussiansPerDim(m1, v1, m2, v2);
      expect(none.shape).toEqual([batch]);
      expect(perDim.shape).toEqual([batch, dim]);
      expectClose(none.dataSync(), expected, 1e-5);
      expectClose(mean.dataSync(), [total / batch], 1e-5);
      expectClose(sum.dataSync(), [total], 1e-5);
      for (const v of perDim.dataSync()) expect(v).toBeGreaterThanOrEqual(0);
      tf.dispose([none, mean, sum, perDim]);
    });
  });

  it('is 0 between identical Gaussians', () => {
    withTensors([ref.mu, ref.logvar], (m, v) => {
      const kl = klDiagGaussiansPerDim(m, v, m, v);
      expectClose(kl.dataSync(), new Array(batch * dim).fill(0), 0, 1e-7);
      kl.dispose();
    });
  });

  it('equals klStandardNormal when p = N(0, I), per example and per dimension', () => {
    withTensors([ref.mu, ref.logvar, zeros], (m, v, z) => {
      const a = klDiagGaussians(m, v, z, z, { reduction: 'none' });
      const b = klStandardNormal(m, v, { reduction: 'none' });
      const c = klDiagGaussiansPerDim(m, v, z, z);
      const d = klStandardNormalPerDim(m, v);
      expectClose(a.dataSync(), b.dataSync(), 1e-6);
      expectClose(c.dataSync(), d.dataSync(), 1e-6, 1e-7);
      tf.dispose([a, b, c, d]);
    });
  });

  it('broadcasts a per-dimension prior [D] like the tiled [batch, D] one', () => {
    withTensors([ref.mu, ref.logvar, ref.mu2, ref.logvar2], (m1, v1, m2full, v2full) => {
      const m2 = tf.tensor1d(ref.mu2[0]!);
      const v2 = tf.tensor1d(ref.logvar2[0]!);
      const tiledM = tf.tile(tf.expandDims(m2, 0), [batch, 1]);
      const tiledV = tf.tile(tf.expandDims(v2, 0), [batch, 1]);
      const a = klDiagGaussians(m1, v1, m2, v2, { reduction: 'none' });
      const b = klDiagGaussians(m1, v1, tiledM, tiledV, { reduction: 'none' });
      expectClose(a.dataSync(), b.dataSync(), 1e-6);
      // Row 0 uses the same prior in both, so it matches the reference's row 0.
      const full = klDiagGaussians(m1, v1, m2full, v2full, { reduction: 'none' });
      expectClose([a.dataSync()[0]!], [full.dataSync()[0]!], 1e-6);
      tf.dispose([m2, v2, tiledM, tiledV, a, b, full]);
    });
  });

  it('has gradients w.r.t. all four inputs matching finite differences (float64)', () => {
    const inputs = [ref.mu, ref.logvar, ref.mu2, ref.logvar2];
    const g = withTensors(inputs, (...xs) =>
      tfGradients((a, b, c, d) => klDiagGaussians(a!, b!, c!, d!), xs),
    );
    const fd = fdGradients(klMean, inputs.map(flat));
    g.forEach((gi, k) => {
      expectClose(gi, fd[k]!, 1e-4, 1e-6);
    });
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[0, 0]], [[0, 0, 0]]], (a, b) => {
      expect(() => klDiagGaussians(a, b, a, a)).toThrow(ShapeError);
      expect(() => klDiagGaussians(a, a, b, a)).toThrow(
        /mu2 shape \[1, 3\] does not broadcast to mu1 shape \[1, 2\]/,
      );
      expect(() => klDiagGaussians(a, a, a, b)).toThrow(/logVar2/);
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => klDiagGaussians(a, a, a, a, { reduction: 'x' as any })).toThrow(
        UnknownOptionError,
      );
      const i = tf.zeros([1, 2], 'int32');
      expect(() => klDiagGaussians(a, a, i, a)).toThrow(InvalidArgumentError);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([ref.mu, ref.logvar, ref.mu2, ref.logvar2], (m1, v1, m2, v2) => {
      expectNoLeak(() => klDiagGaussians(m1, v1, m2, v2));
      expectNoLeak(() => klDiagGaussiansPerDim(m1, v1, m2, v2));
    });
  });
});
