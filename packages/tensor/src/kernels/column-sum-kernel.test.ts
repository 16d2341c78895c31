import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../losses/test-support.js';
import { columnSum } from './column-sum-kernel.js';

describeOnBackends('columnSum', () => {
  it('equals tf.sum(x, 0) bit for bit and a float64 sum to float32 rounding', () => {
    for (const [m, n] of [
      [128, 400],
      [64, 784],
      [9, 22],
      [3, 5],
      [1, 7],
      [4, 3],
    ] as const) {
      const values = Float32Array.from(
        { length: m * n },
        (_, i) => Math.sin(i * 1.7) * 10 ** ((i % 7) - 3),
      );
      const x = tf.tensor2d(values, [m, n]);
      const got = tf.tidy(() => columnSum(x).dataSync());
      const stock = tf.tidy(() => tf.sum(x, 0).dataSync());
      expect(got).toEqual(stock);
      for (let c = 0; c < n; c++) {
        let want = 0;
        for (let r = 0; r < m; r++) want += values[r * n + c]!;
        expect(Math.abs(got[c]! - want)).toBeLessThan(1e-5 * (1 + Math.abs(want)) * Math.max(m, 1));
      }
      x.dispose();
    }
  });

  it('keeps NaN and ±Inf, sums −0 + −0 to +0 as tfjs does, and gives zeros for no rows', () => {
    const x = tf.tensor2d([Number.NaN, 1, -0, 5, 2, -0, 1, Number.NEGATIVE_INFINITY, 3], [3, 3]);
    const got = tf.tidy(() => columnSum(x).dataSync());
    expect(Number.isNaN(got[0])).toBe(true);
    expect(got[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(got[2], 3)).toBe(true);
    const zeros = tf.tensor2d([-0, -0], [2, 1]);
    expect(Object.is(tf.tidy(() => columnSum(zeros).dataSync())[0], 0)).toBe(true);
    const empty = tf.zeros([0, 4]);
    expect(Array.from(tf.tidy(() => columnSum(empty).dataSync()))).toEqual([0, 0, 0, 0]);
    tf.dispose([x, zeros, empty]);
  });
});
