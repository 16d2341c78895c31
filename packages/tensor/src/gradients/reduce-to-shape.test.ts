import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { COLUMN_SUM } from '../kernels/column-sum-kernel.js';
import { reduceToShape } from './reduce-to-shape.js';

/** Float64 sums of a `[M, C]` row-major array over its rows. */
function columnSums64(values: Float32Array, c: number): number[] {
  const out = new Array<number>(c).fill(0);
  for (let i = 0; i < values.length; i++) out[i % c]! += values[i]!;
  return out;
}

describe.each(['cpu', 'wasm'] as const)('reduceToShape on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it('sums a bias gradient over every axis but the channels (one column-sum pass on wasm)', async () => {
    const rng = createRng(7);
    const shape = [4, 9, 9, 5];
    const values = Float32Array.from({ length: 4 * 9 * 9 * 5 }, () => rng.next() * 2 - 1);
    const dy = tf.tensor(values, shape);
    const want = columnSums64(values, 5);
    for (const target of [[5], [1, 1, 1, 5], [1, 5]]) {
      const profile = await tf.profile(() => reduceToShape(dy, target));
      const got = profile.result as tf.Tensor;
      expect(got.shape).toEqual(target);
      // The column-sum kernel on wasm, the backend's Sum elsewhere; the same bits as tf.sum.
      expect(profile.kernelNames.includes(COLUMN_SUM)).toBe(backend === 'wasm');
      const g = got.dataSync();
      const stock = tf.tidy(() => tf.sum(dy, [0, 1, 2]).dataSync());
      expect(Array.from(g)).toEqual(Array.from(stock));
      for (let j = 0; j < 5; j++) expect(Math.abs(g[j]! - want[j]!)).toBeLessThan(1e-4);
      got.dispose();
    }
    dy.dispose();
  });

  it('propagates NaN and ±Inf as the backend Sum does', () => {
    const values = new Float32Array(300 * 3).fill(1);
    values[4] = Number.NaN; // column 1
    values[8] = Number.POSITIVE_INFINITY; // column 2
    const got = tf.tidy(() => reduceToShape(tf.tensor(values, [300, 3]), [3]).dataSync());
    expect(got[0]).toBe(300);
    expect(got[1]).toBeNaN();
    expect(got[2]).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps other reductions on the backend Sum', () => {
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => reduceToShape(tf.ones([2, 3, 4]), [3, 1]).arraySync());
    expect(got).toEqual([[8], [8], [8]]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
