import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { logMeanExp } from './log-mean-exp.js';
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

const [k, b] = [5, 3];
const values = rows(testNumbers(k * b, 21, -3, 3), b); // [k, b]

// Naive float64 log(mean(exp)) along axis 0 / axis 1 of a [k, b] array (fine for moderate values).
const naive0 = (x: number[][]) =>
  x[0]!.map((_, j) => Math.log(x.reduce((s, r) => s + Math.exp(r[j]!), 0) / x.length));
const naive1 = (x: number[][]) =>
  x.map((r) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0) / r.length));

describeOnBackends('logMeanExp', () => {
  it('matches the naive float64 formula along each axis, with and without keepDims', () => {
    withTensors([values], (x) => {
      const a0 = logMeanExp(x);
      const a1 = logMeanExp(x, 1);
      const aNeg = logMeanExp(x, -1, true);
      expect(a0.shape).toEqual([b]);
      expect(a1.shape).toEqual([k]);
      expect(aNeg.shape).toEqual([k, 1]);
      expectClose(a0.dataSync(), naive0(values), 1e-6, 1e-6);
      expectClose(a1.dataSync(), naive1(values), 1e-6, 1e-6);
      expectClose(aNeg.dataSync(), naive1(values), 1e-6, 1e-6);
      tf.dispose([a0, a1, aNeg]);
    });
  });

  it('is stable for inputs near ±1e4 and handles −∞ entries', () => {
    const shift = (c: number) => c + Math.log((1 + Math.exp(-1) + Math.exp(-2)) / 3);
    withTensors(
      [
        [
          [1e4, 1e4 - 1, 1e4 - 2],
          [-1e4, -1e4 - 1, -1e4 - 2],
          [1e4, -1e4, -1e4],
          [0, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
          [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
        ],
      ],
      (x) => {
        const r = logMeanExp(x, 1);
        const out = Array.from(r.dataSync());
        expectClose(
          out.slice(0, 4),
          [shift(1e4), shift(-1e4), 1e4 - Math.log(3), -Math.log(3)],
          1e-6,
        );
        expect(out[4]).toBe(Number.NEGATIVE_INFINITY);
        r.dispose();
      },
    );
  });

  it('has gradient softmax along the axis (finite differences, float64), ties included', () => {
    const f = (flatX: number[]) => {
      const x = rows(flatX, b);
      const w = [0.7, -1.1, 0.4];
      return naive0(x).reduce((s, v, j) => s + w[j]! * v, 0);
    };
    const [g] = withTensors([values, [[0.7, -1.1, 0.4]]], (x, w) =>
      tfGradients((a) => tf.sum(tf.mul(logMeanExp(a!), w)), [x]),
    );
    const [fd] = fdGradients(f, [values.flat()]);
    expectClose(g!, fd!, 1e-4, 1e-6);
    // Ties at the maximum and huge magnitudes: the gradient is still exactly softmax.
    for (const row of [
      [2, 2, 0],
      [1e4, 1e4, 1e4 - 1],
      [-1e4, -1e4 + 0.5, -1e4 - 3],
    ]) {
      const [gt] = withTensors([[row]], (x) => tfGradients((a) => tf.sum(logMeanExp(a!, 1)), [x]));
      const top = Math.max(...row);
      const e = row.map((v) => Math.exp(v - top));
      const z = e.reduce((s, v) => s + v, 0);
      expectClose(
        gt!,
        e.map((v) => v / z),
        1e-5,
        1e-7,
      );
    }
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([values], (x) => {
      expect(() => logMeanExp(x, 2)).toThrow(InvalidArgumentError);
      expect(() => logMeanExp(x, 0.5)).toThrow(InvalidArgumentError);
      const s = tf.scalar(1);
      expect(() => logMeanExp(s)).toThrow(ShapeError);
      const i = tf.zeros([2, 2], 'int32');
      expect(() => logMeanExp(i)).toThrow(InvalidArgumentError);
      tf.dispose([s, i]);
    });
  });

  it('leaks no tensors', () => {
    withTensors([values], (x) => {
      expectNoLeak(() => logMeanExp(x));
      expectNoLeak(() => logMeanExp(x, 1, true));
    });
  });
});
