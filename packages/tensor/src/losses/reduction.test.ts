import { UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { applyReduction, REDUCTIONS, resolveReduction } from './reduction.js';
import { describeOnBackends, expectClose, expectNoLeak, testNumbers } from './test-support.js';

describe('resolveReduction', () => {
  it("defaults to 'mean', accepts every listed value and rejects others", () => {
    expect(resolveReduction(undefined)).toBe('mean');
    for (const r of REDUCTIONS) expect(resolveReduction(r)).toBe(r);
    expect(() => resolveReduction('batchmean')).toThrow(UnknownOptionError);
    expect(() => resolveReduction('batchmean')).toThrow(/'reduction'.*"mean", "sum", "none"/);
    expect(() => resolveReduction(null)).toThrow(UnknownOptionError);
  });
});

describeOnBackends('applyReduction', () => {
  it('sums the non-batch axes of each example, then means / sums / keeps the batch', () => {
    const [n, h, w] = [3, 2, 4];
    const values = testNumbers(n * h * w, 4);
    const perExample = [0, 1, 2].map((i) =>
      values.slice(i * h * w, (i + 1) * h * w).reduce((a, b) => a + b, 0),
    );
    const total = perExample.reduce((a, b) => a + b, 0);
    const x = tf.tensor3d(values, [n, h, w]);
    const none = applyReduction(x, 'none');
    const mean = applyReduction(x, 'mean');
    const sum = applyReduction(x, 'sum');
    expect(none.shape).toEqual([n]);
    expect(mean.shape).toEqual([]);
    expectClose(none.dataSync(), perExample, 1e-6, 1e-6);
    expectClose(mean.dataSync(), [total / n], 1e-6, 1e-6);
    expectClose(sum.dataSync(), [total], 1e-6, 1e-6);
    // Rank 1: already one value per example.
    const v = tf.tensor1d([1, 2, 6]);
    const vNone = applyReduction(v, 'none');
    const vMean = applyReduction(v, 'mean');
    expect(Array.from(vNone.dataSync())).toEqual([1, 2, 6]);
    expectClose(vMean.dataSync(), [3], 1e-7);
    expectNoLeak(() => applyReduction(x, 'mean'));
    expectNoLeak(() => applyReduction(v, 'none'));
    tf.dispose([x, none, mean, sum, v, vNone, vMean]);
  });
});
