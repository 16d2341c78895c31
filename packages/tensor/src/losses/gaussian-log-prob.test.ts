import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gaussianLogProb, standardNormalLogProb } from './gaussian-log-prob.js';
import {
  describeOnBackends,
  expectClose,
  expectNoLeak,
  fdGradients,
  flat,
  loadLossReference,
  rows,
  testNumbers,
  tfGradients,
  withTensors,
} from './test-support.js';

const ref = loadLossReference();
const rowLogVar = ref.logvar.map((r) => [r[0]!]);

// Independent float64 density of N(m, v) at z.
const density = (z: number, m: number, v: number) =>
  Math.exp(-((z - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

describeOnBackends('gaussianLogProb / standardNormalLogProb', () => {
  it('is minus the PyTorch Gaussian NLL (float64) to 1e-5', () => {
    withTensors([ref.x, ref.logits, rowLogVar], (x, mean, logVar) => {
      const lp = gaussianLogProb(x, mean, logVar);
      expect(lp.shape).toEqual([ref.x.length]);
      expectClose(
        lp.dataSync(),
        ref.gaussian_nll_sum_nats.values.map((v) => -v),
        1e-5,
      );
      lp.dispose();
    });
  });

  it('broadcasts z [k, batch, D] against μ, log σ² [batch, D] and matches float64 JS', () => {
    const [k, b, d] = [3, 2, 4];
    const zVals = testNumbers(k * b * d, 1, -2, 2);
    const mVals = testNumbers(b * d, 2, -1, 1);
    const vVals = testNumbers(b * d, 3, -1, 1);
    const z = tf.tensor3d(zVals, [k, b, d]);
    withTensors([rows(mVals, d), rows(vVals, d)], (m, v) => {
      const lp = gaussianLogProb(z, m, v);
      expect(lp.shape).toEqual([k, b]);
      const expected: number[] = [];
      for (let s = 0; s < k; s++) {
        for (let e = 0; e < b; e++) {
          let total = 0;
          for (let j = 0; j < d; j++) {
            total += Math.log(
              density(zVals[(s * b + e) * d + j]!, mVals[e * d + j]!, Math.exp(vVals[e * d + j]!)),
            );
          }
          expected.push(total);
        }
      }
      expectClose(lp.dataSync(), expected, 1e-5);
      const std = standardNormalLogProb(z);
      const zeros = tf.zerosLike(z);
      const viaGeneral = gaussianLogProb(z, zeros, zeros);
      expect(std.shape).toEqual([k, b]);
      expectClose(std.dataSync(), viaGeneral.dataSync(), 1e-6);
      const expectedStd = rows(zVals, d).map((r) =>
        r.reduce((s, zi) => s + Math.log(density(zi, 0, 1)), 0),
      );
      expectClose(std.dataSync(), expectedStd, 1e-5);
      tf.dispose([lp, std, zeros, viaGeneral]);
    });
    z.dispose();
  });

  it('integrates to 1 in one dimension (trapezoid rule on ±12σ)', () => {
    const n = 4001;
    const [m, lv] = [0.3, Math.log(0.5)];
    const sd = Math.sqrt(0.5);
    const grid = Array.from({ length: n }, (_, i) => m - 12 * sd + (24 * sd * i) / (n - 1));
    const z = tf.tensor2d(grid, [n, 1]);
    const mt = tf.tensor2d([[m]]);
    const vt = tf.tensor2d([[lv]]);
    const lpt = gaussianLogProb(z, mt, vt);
    const lp = lpt.dataSync();
    let integral = 0;
    for (let i = 1; i < n; i++) {
      integral += ((Math.exp(lp[i]!) + Math.exp(lp[i - 1]!)) / 2) * (grid[i]! - grid[i - 1]!);
    }
    expect(Math.abs(integral - 1)).toBeLessThan(1e-5);
    tf.dispose([z, mt, vt, lpt]);
  });

  it('has gradients w.r.t. z, μ and log σ² matching finite differences (float64)', () => {
    const d = ref.mu[0]!.length;
    const f = (z: number[], m: number[], v: number[]) =>
      z.reduce((s, zi, i) => s + Math.log(density(zi, m[i]!, Math.exp(v[i]!))), 0);
    const [gz, gm, gv] = withTensors([ref.mu2, ref.mu, ref.logvar], (z, m, v) =>
      tfGradients((a, b, c) => tf.sum(gaussianLogProb(a!, b!, c!)), [z, m, v]),
    );
    const [fz, fm, fv] = fdGradients(f, [flat(ref.mu2), flat(ref.mu), flat(ref.logvar)]);
    expect(gz!.length).toBe(ref.mu.length * d);
    expectClose(gz!, fz!, 1e-4, 1e-5);
    expectClose(gm!, fm!, 1e-4, 1e-5);
    expectClose(gv!, fv!, 1e-4, 1e-5);
    const [gs] = withTensors([ref.mu2], (z) =>
      tfGradients((a) => tf.sum(standardNormalLogProb(a!)), [z]),
    );
    expectClose(
      gs!,
      flat(ref.mu2).map((zi) => -zi),
      1e-6,
    );
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[0, 0]], [[0, 0, 0]]], (a, b) => {
      expect(() => gaussianLogProb(a, b, a)).toThrow(ShapeError);
      expect(() => gaussianLogProb(a, a, b)).toThrow(/logVar shape \[1, 3\].*z shape \[1, 2\]/);
      expect(() => standardNormalLogProb(tf.scalar(1))).toThrow(ShapeError);
      const i = tf.zeros([1, 2], 'int32');
      expect(() => gaussianLogProb(a, i, a)).toThrow(InvalidArgumentError);
      expect(() => standardNormalLogProb(i)).toThrow(InvalidArgumentError);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([ref.mu2, ref.mu, ref.logvar], (z, m, v) => {
      expectNoLeak(() => gaussianLogProb(z, m, v));
      expectNoLeak(() => standardNormalLogProb(z));
    });
  });
});
