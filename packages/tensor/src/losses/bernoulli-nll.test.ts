import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { bernoulliNllFromLogits } from './bernoulli-nll.js';
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
const batch = ref.logits.length;

// Independent float64 form: −x·log σ(l) − (1−x)·log(1−σ(l)), fine for the moderate test logits.
function naiveMean(logits: number[], targets: number[]): number {
  let total = 0;
  logits.forEach((l, i) => {
    const s = 1 / (1 + Math.exp(-l));
    total -= targets[i]! * Math.log(s) + (1 - targets[i]!) * Math.log(1 - s);
  });
  return total / batch;
}

describeOnBackends('bernoulliNllFromLogits', () => {
  it('matches PyTorch BCE-with-logits (float64) to 1e-5 for soft and binary targets', () => {
    const logits = tf.tensor2d(ref.logits);
    for (const [targets, expected] of [
      [ref.x, ref.bce_with_logits_sum_nats_x],
      [ref.x_binary, ref.bce_with_logits_sum_nats_x_binary],
    ] as const) {
      const x = tf.tensor2d(targets);
      const none = bernoulliNllFromLogits(logits, x, { reduction: 'none' });
      const mean = bernoulliNllFromLogits(logits, x);
      const sum = bernoulliNllFromLogits(logits, x, { reduction: 'sum' });
      expect(none.shape).toEqual([batch]);
      expect(mean.shape).toEqual([]);
      expectClose(none.dataSync(), expected, 1e-5);
      const total = expected.reduce((a, b) => a + b, 0);
      expectClose(mean.dataSync(), [total / batch], 1e-5);
      expectClose(sum.dataSync(), [total], 1e-5);
      tf.dispose([x, none, mean, sum]);
    }
    logits.dispose();
  });

  it('has gradients σ(l) − x w.r.t. logits and −l w.r.t. targets (finite differences, float64)', () => {
    const l = flat(ref.logits);
    const x = flat(ref.x);
    const [gl, gx] = withTensors([ref.logits, ref.x], (a, b) =>
      tfGradients((p, q) => bernoulliNllFromLogits(p!, q!), [a, b]),
    );
    const [fl, fx] = fdGradients(naiveMean, [l, x]);
    // float32 gradients of O(0.1) values: relative error ~1e-6; FD error in float64 ~1e-10.
    expectClose(gl!, fl!, 1e-4, 1e-6);
    expectClose(gx!, fx!, 1e-4, 1e-6);
  });

  it('has the right gradient at exactly l = 0 (where max(l, 0) and |l| have kinks)', () => {
    const targets = [0, 0.25, 1];
    const [g] = withTensors([[[0, 0, 0]], [targets]], (zero, x) =>
      tfGradients((a) => bernoulliNllFromLogits(a!, x, { reduction: 'sum' }), [zero]),
    );
    // d/dl at 0 is σ(0) − x = 0.5 − x (a one-sided FD agrees: the loss is smooth in l).
    expectClose(
      g!,
      targets.map((x) => 0.5 - x),
      1e-6,
      1e-7,
    );
  });

  it('stays finite for logits of ±1e4, in value and gradient', () => {
    const l = [1e4, 1e4, 1e4, -1e4, -1e4, -1e4];
    const x = [1, 0, 0.5, 0, 1, 0.5];
    const col = (v: number[]) => v.map((e) => [e]);
    const { none, gl, gx } = withTensors([col(l), col(x)], (logits, targets) => {
      const perExample = bernoulliNllFromLogits(logits, targets, { reduction: 'none' });
      const values = Array.from(perExample.dataSync());
      perExample.dispose();
      const [a, b] = tfGradients(
        (p, q) => bernoulliNllFromLogits(p!, q!, { reduction: 'sum' }),
        [logits, targets],
      );
      return { none: values, gl: a!, gx: b! };
    });
    // Exact: l·(1 − x) for l > 0 and −l·x for l < 0 (the log1p(exp(−|l|)) term underflows to 0).
    expectClose(
      none,
      l.map((li, i) => (li > 0 ? li * (1 - x[i]!) : -li * x[i]!)),
      1e-6,
    );
    // Gradients σ(l) − x with σ(±1e4) = 1 or 0, and −l.
    expectClose(
      gl,
      l.map((li, i) => (li > 0 ? 1 : 0) - x[i]!),
      0,
      1e-6,
    );
    expectClose(
      gx,
      l.map((li) => -li),
      1e-6,
    );
  });

  it('throws typed errors for bad inputs, without touching the data', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    expect(() => bernoulliNllFromLogits(a, b)).toThrow(ShapeError);
    expect(() => bernoulliNllFromLogits(a, b)).toThrow(
      /targets shape \[2, 4\].*logits shape \[2, 3\]/,
    );
    const i = tf.zeros([2, 3], 'int32');
    expect(() => bernoulliNllFromLogits(i, a)).toThrow(InvalidArgumentError);
    expect(() => bernoulliNllFromLogits(a, i)).toThrow(/targets.*int32/);
    expect(() => bernoulliNllFromLogits(tf.scalar(0), tf.scalar(0))).toThrow(ShapeError);
    // biome-ignore lint/suspicious/noExplicitAny: testing a bad value from untyped callers
    expect(() => bernoulliNllFromLogits(a, a, { reduction: 'avg' as any })).toThrow(
      UnknownOptionError,
    );
    // biome-ignore lint/suspicious/noExplicitAny: testing a misspelt option
    expect(() => bernoulliNllFromLogits(a, a, { reducton: 'sum' } as any)).toThrow(
      UnknownOptionError,
    );
    tf.dispose([a, b, i]);
  });

  it('leaks no tensors', () => {
    const logits = tf.tensor2d(ref.logits);
    const x = tf.tensor2d(ref.x);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expectNoLeak(() => bernoulliNllFromLogits(logits, x, { reduction }));
    }
    tf.dispose([logits, x]);
  });
});
