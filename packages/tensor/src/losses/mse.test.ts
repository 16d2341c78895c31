import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
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
// Use the reference logits as predictions and the soft targets x as targets (float64 inputs).
const pred = ref.logits;
const target = ref.x;
const batch = pred.length;
const dim = pred[0]!.length;

function perExample(p: number[][], t: number[][]): number[] {
  return p.map((row, i) => row.reduce((s, v, j) => s + (v - t[i]![j]!) ** 2, 0));
}

describeOnBackends('mse', () => {
  it('sums squared errors per example, then averages / sums over the batch (float64 JS)', () => {
    const expected = perExample(pred, target);
    const total = expected.reduce((a, b) => a + b, 0);
    withTensors([pred, target], (p, t) => {
      const none = mse(p, t, { reduction: 'none' });
      const mean = mse(p, t);
      const sum = mse(p, t, { reduction: 'sum' });
      const torchDefault = mse(p, t, { elementReduction: 'mean' });
      expect(none.shape).toEqual([batch]);
      expectClose(none.dataSync(), expected, 1e-5);
      expectClose(mean.dataSync(), [total / batch], 1e-5);
      expectClose(sum.dataSync(), [total], 1e-5);
      // PyTorch's nn.MSELoss() default: the mean over all elements.
      expectClose(torchDefault.dataSync(), [total / (batch * dim)], 1e-5);
      tf.dispose([none, mean, sum, torchDefault]);
    });
  });

  it('has gradients matching finite differences (float64)', () => {
    const f = (p: number[], t: number[]) => {
      let s = 0;
      p.forEach((v, i) => {
        s += (v - t[i]!) ** 2;
      });
      return s / batch;
    };
    const [gp, gt] = withTensors([pred, target], (p, t) =>
      tfGradients((a, b) => mse(a!, b!), [p, t]),
    );
    const [fp, ft] = fdGradients(f, [flat(pred), flat(target)]);
    expectClose(gp!, fp!, 1e-4, 1e-6);
    expectClose(gt!, ft!, 1e-4, 1e-6);
  });

  it('throws typed errors for bad inputs', () => {
    withTensors([[[1, 2]], [[1, 2, 3]]], (a, b) => {
      expect(() => mse(a, b)).toThrow(ShapeError);
      expect(() => mse(a, b)).toThrow(/target shape \[1, 3\].*pred shape \[1, 2\]/);
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => mse(a, a, { elementReduction: 'max' as any })).toThrow(UnknownOptionError);
      // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
      expect(() => mse(a, a, { reduction: 'max' as any })).toThrow(UnknownOptionError);
      const i = tf.tensor2d([[1, 2]], [1, 2], 'int32');
      expect(() => mse(i, a)).toThrow(InvalidArgumentError);
      // biome-ignore lint/suspicious/noExplicitAny: a plain array instead of a tensor
      expect(() => mse([[1, 2]] as any, a)).toThrow(/pred: must be a tf.Tensor/);
      i.dispose();
    });
  });

  it('leaks no tensors', () => {
    withTensors([pred, target], (p, t) => {
      expectNoLeak(() => mse(p, t));
      expectNoLeak(() => mse(p, t, { reduction: 'none', elementReduction: 'mean' }));
    });
  });
});
