import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
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

describeOnBackends('klStandardNormal', () => {
  it('matches PyTorch (float64) to 1e-5, for every reduction', () => {
    const expected = ref.kl_to_standard_normal_nats;
    const total = expected.reduce((a, b) => a + b, 0);
    withTensors([ref.mu, ref.logvar], (mu, logVar) => {
      const none = klStandardNormal(mu, logVar, { reduction: 'none' });
      const mean = klStandardNormal(mu, logVar);
      const sum = klStandardNormal(mu, logVar, { reduction: 'sum' });
      expect(none.shape).toEqual([batch]);
      expect(mean.shape).toEqual([]);
      expectClose(none.dataSync(), expected, 1e-5);
      expectClose(mean.dataSync(), [total / batch], 1e-5);
      expectClose(sum.dataSync(), [total], 1e-5);
      tf.dispose([none, mean, sum]);
    });
  });

  it('per dimension: shape [batch, D], non-negative, rows sum to the PyTorch values', () => {
    withTensors([ref.mu, ref.logvar], (mu, logVar) => {
      const perDim = klStandardNormalPerDim(mu, logVar);
      expect(perDim.shape).toEqual(mu.shape);
      const values = perDim.arraySync() as number[][];
      for (const v of values.flat()) expect(v).toBeGreaterThanOrEqual(0);
      expectClose(
        values.map((r) => r.reduce((a, b) => a + b, 0)),
        ref.kl_to_standard_normal_nats,
        1e-5,
      );
      perDim.dispose();
    });
  });

  it('is 0 for q = N(0, I)', () => {
    withTensors([[[0, 0, 0]], [[0, 0, 0]]], (mu, logVar) => {
      const kl = klStandardNormal(mu, logVar);
      expect(kl.dataSync()[0]).toBe(0);
      kl.dispose();
    });
  });

  it('has gradients μ and ½(σ² − 1) matching finite differences (float64)', () => {
    const f = (mu: number[], lv: number[]) =>
      mu.reduce((s, m, i) => s - 0.5 * (1 + lv[i]! - m * m - Math.exp(lv[i]!)), 0) / batch;
    const [gm, gv] = withTensors([ref.mu, ref.logvar], (mu, logVar) =>
      tfGradients((a, b) => klStandardNormal(a!, b!), [mu, logVar]),
    );
    const [fm, fv] = fdGradients(f, [flat(ref.mu), flat(ref.logvar)]);
    expectClose(gm!, fm!, 1e-4, 1e-6);
    expectClose(gv!, fv!, 1e-4, 1e-6);
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[0, 0]], [[0, 0, 0]]], (a, b) => {
      expect(() => klStandardNormal(a, b)).toThrow(ShapeError);
      expect(() => klStandardNormalPerDim(a, b)).toThrow(
        /logVar shape \[1, 3\] does not match mu shape \[1, 2\]/,
      );
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => klStandardNormal(a, a, { reduction: 'batchmean' as any })).toThrow(
        UnknownOptionError,
      );
      const i = tf.zeros([1, 2], 'int32');
      expect(() => klStandardNormal(i, a)).toThrow(InvalidArgumentError);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([ref.mu, ref.logvar], (mu, logVar) => {
      expectNoLeak(() => klStandardNormal(mu, logVar));
      expectNoLeak(() => klStandardNormalPerDim(mu, logVar));
    });
  });
});
