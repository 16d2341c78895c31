import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { gaussianNll } from './gaussian-nll.js';
import { mse } from './mse.js';
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
// As documented in losses.json: mean = logits, std = exp(0.5·logvar[:, 0]) per row, target = x.
const mean = ref.logits;
const target = ref.x;
const batch = mean.length;
const dim = mean[0]!.length;
const rowLogVar = ref.logvar.map((r) => [r[0]!]);
const rowStd = rowLogVar.map(([lv]) => [Math.exp(0.5 * lv!)]);

// Independent float64 density: −log N(x; μ, σ²) = −log(exp(−(x−μ)²/(2σ²)) / √(2πσ²)).
function nllMean(mu: number[], x: number[], logVar: number[]): number {
  let s = 0;
  mu.forEach((m, i) => {
    const v = Math.exp(logVar[Math.floor(i / dim)]!);
    s -= Math.log(Math.exp(-((x[i]! - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));
  });
  return s / batch;
}

describeOnBackends('gaussianNll', () => {
  it('matches PyTorch (float64) to 1e-5 with per-row std or logVar tensors', () => {
    const expected = ref.gaussian_nll_sum_nats.values;
    const total = expected.reduce((a, b) => a + b, 0);
    withTensors([mean, target, rowStd, rowLogVar], (mu, x, std, logVar) => {
      const byStd = gaussianNll(mu, x, { std, reduction: 'none' });
      const byLogVar = gaussianNll(mu, x, { logVar, reduction: 'none' });
      const avg = gaussianNll(mu, x, { logVar });
      const sum = gaussianNll(mu, x, { std, reduction: 'sum' });
      expect(byStd.shape).toEqual([batch]);
      expectClose(byStd.dataSync(), expected, 1e-5);
      expectClose(byLogVar.dataSync(), expected, 1e-5);
      expectClose(avg.dataSync(), [total / batch], 1e-5);
      expectClose(sum.dataSync(), [total], 1e-5);
      tf.dispose([byStd, byLogVar, avg, sum]);
    });
  });

  it('with a fixed scalar σ equals mse/(2σ²) + D·½·log(2πσ²)', () => {
    withTensors([mean, target], (mu, x) => {
      const sq = mse(mu, x, { reduction: 'none' });
      const sqData = Array.from(sq.dataSync());
      for (const sigma of [1, 0.5]) {
        const byStd = gaussianNll(mu, x, { std: sigma, reduction: 'none' });
        const byLogVar = gaussianNll(mu, x, { logVar: Math.log(sigma ** 2), reduction: 'none' });
        const expected = sqData.map(
          (s) => s / (2 * sigma ** 2) + dim * 0.5 * Math.log(2 * Math.PI * sigma ** 2),
        );
        expectClose(byStd.dataSync(), expected, 1e-5);
        expectClose(byLogVar.dataSync(), expected, 1e-5);
        tf.dispose([byStd, byLogVar]);
      }
      sq.dispose();
    });
  });

  it('has gradients w.r.t. mean, target and logVar matching finite differences (float64)', () => {
    const [gm, gx, gv] = withTensors([mean, target, rowLogVar], (mu, x, logVar) =>
      tfGradients((a, b, c) => gaussianNll(a!, b!, { logVar: c! }), [mu, x, logVar]),
    );
    const [fm, fx, fv] = fdGradients(nllMean, [flat(mean), flat(target), flat(rowLogVar)]);
    // Values up to ~10 per element: float32 relative error ~1e-6.
    expectClose(gm!, fm!, 1e-4, 1e-5);
    expectClose(gx!, fx!, 1e-4, 1e-5);
    expectClose(gv!, fv!, 1e-4, 1e-5);
  });

  it('has gradients w.r.t. std matching finite differences (float64)', () => {
    const f = (mu: number[], x: number[], std: number[]) =>
      nllMean(
        mu,
        x,
        std.map((s) => Math.log(s * s)),
      );
    const [, , gs] = withTensors([mean, target, rowStd], (mu, x, std) =>
      tfGradients((a, b, c) => gaussianNll(a!, b!, { std: c! }), [mu, x, std]),
    );
    const [, , fs] = fdGradients(f, [flat(mean), flat(target), flat(rowStd)]);
    expectClose(gs!, fs!, 1e-4, 1e-5);
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[1, 2]], [[1, 2, 3]], [[1], [2]]], (a, b, col) => {
      expect(() => gaussianNll(a, b, { std: 1 })).toThrow(ShapeError);
      expect(() => gaussianNll(a, a, { logVar: col })).toThrow(
        /logVar shape \[2, 1\] does not broadcast to mean shape \[1, 2\]/,
      );
      expect(() => gaussianNll(a, a, { std: 0 })).toThrow(InvalidArgumentError);
      expect(() => gaussianNll(a, a, { logVar: Number.NaN })).toThrow(InvalidArgumentError);
      expect(() => gaussianNll(a, a, {})).toThrow(/exactly one of logVar or std/);
      expect(() => gaussianNll(a, a, { std: 1, logVar: 0 })).toThrow(InvalidArgumentError);
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => gaussianNll(a, a, { std: 1, reduction: 'avg' as any })).toThrow(
        UnknownOptionError,
      );
      const i = tf.tensor2d([[1, 2]], [1, 2], 'int32');
      expect(() => gaussianNll(a, a, { std: i })).toThrow(/std: must have dtype float32/);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([mean, target, rowLogVar], (mu, x, logVar) => {
      expectNoLeak(() => gaussianNll(mu, x, { logVar }));
      expectNoLeak(() => gaussianNll(mu, x, { std: 2, reduction: 'none' }));
    });
  });
});
