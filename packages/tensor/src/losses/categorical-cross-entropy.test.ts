import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { categoricalCrossEntropy } from './categorical-cross-entropy.js';
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
const classes = 5;
const batch = 6;
const logits = rows(testNumbers(batch * classes, 7, -3, 3), classes);
const labels = [0, 4, 2, 2, 1, 3];
const oneHot = labels.map((c) => Array.from({ length: classes }, (_, j) => (j === c ? 1 : 0)));
const soft = rows(testNumbers(batch * classes, 11, 0.1, 1), classes).map((r) => {
  const s = r.reduce((a, b) => a + b, 0);
  return r.map((v) => v / s);
});

// Independent float64 cross-entropy: −Σ p_c · log(exp(l_c) / Σ exp(l)).
function ceMean(l: number[], p: number[]): number {
  let total = 0;
  for (let b = 0; b < batch; b++) {
    const row = l.slice(b * classes, (b + 1) * classes);
    const z = row.reduce((s, v) => s + Math.exp(v), 0);
    row.forEach((v, c) => {
      total -= p[b * classes + c]! * Math.log(Math.exp(v) / z);
    });
  }
  return total / batch;
}

describeOnBackends('categoricalCrossEntropy', () => {
  it('with 2 classes [0, l] and probabilities [1−x, x] equals PyTorch BCE-with-logits', () => {
    // Rank-3 logits [batch, 10, 2]: the loss sums the 10 positions of each example.
    const l2 = ref.logits.map((r) => r.map((l) => [0, l]));
    const p2 = ref.x.map((r) => r.map((x) => [1 - x, x]));
    const l = tf.tensor3d(l2);
    const p = tf.tensor3d(p2);
    const none = categoricalCrossEntropy(l, p, { reduction: 'none' });
    expectClose(none.dataSync(), ref.bce_with_logits_sum_nats_x, 1e-5);
    tf.dispose([l, p, none]);
  });

  it('agrees with a float64 JS cross-entropy for int32 tensor, array and one-hot labels', () => {
    const expectedMean = ceMean(flat(logits), flat(oneHot));
    withTensors([logits, oneHot], (l, p) => {
      const idx = tf.tensor1d(labels, 'int32');
      const results = [
        categoricalCrossEntropy(l, idx),
        categoricalCrossEntropy(l, labels),
        categoricalCrossEntropy(l, Int32Array.from(labels)),
        categoricalCrossEntropy(l, p),
      ];
      for (const r of results) expectClose(r.dataSync(), [expectedMean], 1e-5);
      const sum = categoricalCrossEntropy(l, idx, { reduction: 'sum' });
      expectClose(sum.dataSync(), [expectedMean * batch], 1e-5);
      tf.dispose([idx, sum, ...results]);
    });
  });

  it('gives log C for uniform logits and stays finite for logits of ±1e4', () => {
    withTensors([[[3, 3, 3, 3]], [[1e4, -1e4, 0]], [[1e4, -1e4, 0]]], (u, big, big2) => {
      const a = categoricalCrossEntropy(u, [2]);
      expectClose(a.dataSync(), [Math.log(4)], 1e-6);
      const b = categoricalCrossEntropy(big, [0]);
      const c = categoricalCrossEntropy(big2, [1]);
      expectClose(b.dataSync(), [0], 0, 1e-6);
      expectClose(c.dataSync(), [2e4], 1e-6);
      tf.dispose([a, b, c]);
    });
  });

  it('has gradients softmax − p w.r.t. logits and −log softmax w.r.t. soft labels (FD, float64)', () => {
    const [gl, gp] = withTensors([logits, soft], (l, p) =>
      tfGradients((a, b) => categoricalCrossEntropy(a!, b!), [l, p]),
    );
    const [fl, fp] = fdGradients(ceMean, [flat(logits), flat(soft)]);
    expectClose(gl!, fl!, 1e-4, 1e-6);
    expectClose(gp!, fp!, 1e-4, 1e-6);
    const [gi] = withTensors([logits], (l) =>
      tfGradients((a) => categoricalCrossEntropy(a!, labels), [l]),
    );
    const [fi] = fdGradients((l) => ceMean(l, flat(oneHot)), [flat(logits)]);
    expectClose(gi!, fi!, 1e-4, 1e-6);
  });

  it('throws typed errors for bad labels and logits', () => {
    withTensors([logits, [[1, 2]]], (l, small) => {
      expect(() => categoricalCrossEntropy(l, [0, 1])).toThrow(ShapeError);
      expect(() => categoricalCrossEntropy(l, [0, 1, 2, 3, 4, 5])).toThrow(InvalidArgumentError);
      expect(() => categoricalCrossEntropy(l, [0, 1, 2, 3, 4, 1.5])).toThrow(/not an integer/);
      const bad = tf.tensor1d([0, 1, 2, 3, 4, 9], 'int32');
      expect(() => categoricalCrossEntropy(l, bad, { checkLabels: true })).toThrow(
        /label 9 at index 5/,
      );
      const floatIdx = tf.tensor1d(labels);
      expect(() => categoricalCrossEntropy(l, floatIdx)).toThrow(ShapeError);
      const boolLabels = tf.tensor1d([1, 0, 1, 0, 1, 0], 'bool');
      expect(() => categoricalCrossEntropy(l, boolLabels)).toThrow(InvalidArgumentError);
      const rank1 = tf.tensor1d([1, 2]);
      expect(() => categoricalCrossEntropy(rank1, [0])).toThrow(ShapeError);
      expect(() => categoricalCrossEntropy(small, [0], { reduction: 'avg' as 'sum' })).toThrow(
        UnknownOptionError,
      );
      tf.dispose([bad, floatIdx, boolLabels, rank1]);
    });
  });

  it('leaks no tensors', () => {
    withTensors([logits, soft], (l, p) => {
      const idx = tf.tensor1d(labels, 'int32');
      expectNoLeak(() => categoricalCrossEntropy(l, p));
      expectNoLeak(() => categoricalCrossEntropy(l, idx, { reduction: 'none', checkLabels: true }));
      expectNoLeak(() => categoricalCrossEntropy(l, labels));
      idx.dispose();
    });
  });
});
