import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { elbo } from './elbo.js';
import { gaussianLogProb, standardNormalLogProb } from './gaussian-log-prob.js';
import { iwaeBound } from './iwae-bound.js';
import { reparameterize } from './reparameterize.js';
import {
  describeOnBackends,
  expectClose,
  expectNoLeak,
  fdGradients,
  rows,
  testNumbers,
  tfGradients,
  withTensors,
} from './test-support.js';

// Linear Gaussian toy model: p(z) = N(0, 1), p(x|z) = N(z, 1), so p(x) = N(0, 2) and the exact
// posterior is p(z|x) = N(x/2, 1/2). The encoder q(z|x) = N(a·x, s²) is exact for a = ½, s² = ½.
const LOG_2PI = Math.log(2 * Math.PI);
const logPx = (x: number) => -0.5 * (LOG_2PI + Math.log(2) + (x * x) / 2);
function analyticElbo(x: number, a: number, s2: number): number {
  const m = a * x;
  const expectedLogLik = -0.5 * (LOG_2PI + (x - m) ** 2 + s2);
  const kl = 0.5 * (m * m + s2 - 1 - Math.log(s2));
  return expectedLogLik - kl;
}

/** Per-example IWAE bounds [batch] and the single-sample terms, for k samples of q. */
function toyBound(xs: number[], k: number, a: number, s2: number, seed: number) {
  return tf.tidy(() => {
    const x = tf.tensor2d(xs, [xs.length, 1]);
    const qMu = tf.mul(x, a);
    const qLv = tf.fill([xs.length, 1], Math.log(s2));
    const z = reparameterize(qMu, qLv, seed, { samples: k }); // [k, batch, 1]
    const logPxz = gaussianLogProb(x, z, tf.zerosLike(z)); // x broadcasts → [k, batch]
    const logPz = standardNormalLogProb(z);
    const logQzx = gaussianLogProb(z, qMu, qLv);
    return { bound: iwaeBound(logPxz, logPz, logQzx), logPxz, logPz, logQzx };
  });
}

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, c) => s + c, 0) / v.length;

describeOnBackends('iwaeBound', () => {
  const xs = testNumbers(1000, 5, -2.5, 2.5);
  const [a, s2] = [0.35, 0.9]; // a deliberately poor encoder: ELBO gap ≈ 0.15 nats

  it('with k = 1 equals the single-sample ELBO, log p(x|z) + log p(z) − log q(z|x)', () => {
    const t = toyBound(xs.slice(0, 50), 1, a, s2, 1);
    const direct = tf.tidy(() => tf.squeeze(tf.sub(tf.add(t.logPxz, t.logPz), t.logQzx), [0]));
    // …and the negation of elbo()'s per-example loss with recon = −log p(x|z), KL ≈ log q − log p.
    const viaElbo = tf.tidy(() => {
      const recon = tf.neg(tf.squeeze(t.logPxz, [0]));
      const klEstimate = tf.squeeze(tf.sub(t.logQzx, t.logPz), [0]);
      const { loss } = elbo(recon, klEstimate, { reduction: 'none' });
      return tf.neg(loss);
    });
    expect(t.bound.shape).toEqual([50]);
    expectClose(t.bound.dataSync(), direct.dataSync(), 1e-6, 1e-6);
    expectClose(t.bound.dataSync(), viaElbo.dataSync(), 1e-6, 1e-6);
    tf.dispose([t, direct, viaElbo]);
  });

  it('on the linear Gaussian model: E[L_1] = ELBO < E[L_50] < E[L_1000] ≤ log p(x)', () => {
    const logPxMean = mean(xs.map(logPx));
    const elboMean = mean(xs.map((x) => analyticElbo(x, a, s2)));
    const bounds = [1, 50, 1000].map((k) => {
      const t = toyBound(xs, k, a, s2, 100 + k);
      const m = mean(t.bound.dataSync());
      tf.dispose(t);
      return m;
    });
    const [l1, l50, l1000] = bounds as [number, number, number];
    const gap = logPxMean - elboMean; // E_x KL(q‖posterior), ≈ 0.15 nats here
    expect(gap).toBeGreaterThan(0.08);
    // L_1 is an unbiased ELBO estimate: its per-example sd is < 0.6 nats, so the mean of 1000
    // has sd < 0.02.
    expect(Math.abs(l1 - elboMean)).toBeLessThan(0.06);
    // The bound tightens with k and approaches log p(x) (the k = 1000 gap is O(1/k)).
    expect(l50).toBeGreaterThan(elboMean + 0.5 * gap);
    expect(l1000).toBeGreaterThan(l50);
    expect(logPxMean - l50).toBeLessThan(0.2 * gap);
    expect(Math.abs(logPxMean - l1000)).toBeLessThan(0.01);
  });

  it('is exactly log p(x) for every k when q is the true posterior', () => {
    const some = xs.slice(0, 20);
    for (const k of [1, 7]) {
      const t = toyBound(some, k, 0.5, 0.5, 3);
      expectClose(t.bound.dataSync(), some.map(logPx), 1e-5, 1e-5);
      tf.dispose(t);
    }
  });

  it('is stable for log-weights of magnitude 1e4 and has softmax-weight gradients', () => {
    withTensors(
      [
        [
          [-1e4, 2],
          [-1e4 + 1, 1],
          [-1e4 - 2, 3],
        ],
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
      (lp, zero) => {
        const bound = iwaeBound(lp, zero, zero);
        const top = -1e4 + 1;
        const ref0 = top + Math.log((Math.exp(-1) + 1 + Math.exp(-3)) / 3);
        const ref1 = 3 + Math.log((Math.exp(-1) + Math.exp(-2) + 1) / 3);
        expectClose(bound.dataSync(), [ref0, ref1], 1e-6);
        bound.dispose();
      },
    );
    const k = 4;
    const b = 2;
    const lpx = rows(testNumbers(k * b, 8, -5, 0), b);
    const lpz = rows(testNumbers(k * b, 9, -3, 0), b);
    const lqz = rows(testNumbers(k * b, 10, -3, 0), b);
    const w = [1.5, -0.5];
    const f = (p: number[], q: number[], r: number[]) =>
      w.reduce((s, wj, j) => {
        let acc = 0;
        for (let i = 0; i < k; i++) acc += Math.exp(p[i * b + j]! + q[i * b + j]! - r[i * b + j]!);
        return s + wj * Math.log(acc / k);
      }, 0);
    const g = withTensors([lpx, lpz, lqz, [w]], (p, q, r, wt) =>
      tfGradients((x1, x2, x3) => tf.sum(tf.mul(iwaeBound(x1!, x2!, x3!), wt)), [p, q, r]),
    );
    const fd = fdGradients(f, [lpx.flat(), lpz.flat(), lqz.flat()]);
    g.forEach((gi, i) => {
      expectClose(gi, fd[i]!, 1e-4, 1e-6);
    });
  });

  it('throws typed errors for bad inputs and leaks no tensors', () => {
    withTensors([[[0, 0]], [[0, 0, 0]]], (two, three) => {
      expect(() => iwaeBound(two, three, two)).toThrow(ShapeError);
      expect(() => iwaeBound(two, two, three)).toThrow(
        /logQzx shape \[1, 3\].*logPxz shape \[1, 2\]/,
      );
      const i = tf.zeros([1, 2], 'int32');
      expect(() => iwaeBound(two, i, two)).toThrow(InvalidArgumentError);
      i.dispose();
      expectNoLeak(() => iwaeBound(two, two, two));
    });
  });
});
