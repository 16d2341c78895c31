import { InvalidArgumentError, NonFiniteError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { assertFinite } from './assert-finite.js';
import { describeOnBackends } from './test-support.js';

describeOnBackends('assertFinite', () => {
  it('passes finite tensors (any dtype) and creates no tensors', () => {
    const a = tf.tensor2d([
      [1, -2],
      [3e38, -3e38],
    ]);
    const i = tf.tensor1d([1, 2], 'int32');
    const before = tf.memory().numTensors;
    expect(() => assertFinite(a, 'a')).not.toThrow();
    expect(() => assertFinite(i, 'i')).not.toThrow();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, i]);
  });

  it('throws NonFiniteError naming the tensor, the count and the first bad index', () => {
    const a = tf.tensor1d([0, 1, Number.NaN, 2, Number.POSITIVE_INFINITY]);
    const b = tf.tensor1d([Number.NEGATIVE_INFINITY]);
    // Overflow computed on the backend, not typed in: exp(100) is +Inf in float32.
    const c = tf.exp(tf.tensor1d([1, 100]));
    expect(() => assertFinite(a, 'loss')).toThrow(NonFiniteError);
    expect(() => assertFinite(a, 'loss')).toThrow(
      /^loss contains NaN or Infinity \(2 of 5 values; first at flat index 2: NaN\)$/,
    );
    expect(() => assertFinite(b, 'b')).toThrow(/-Infinity/);
    expect(() => assertFinite(c, 'c')).toThrow(/index 1: Infinity/);
    try {
      assertFinite(a, 'loss');
    } catch (e) {
      expect((e as NonFiniteError).what).toBe('loss');
      expect((e as NonFiniteError).code).toBe('NON_FINITE');
    }
    tf.dispose([a, b, c]);
  });

  it('throws InvalidArgumentError for a disposed tensor or a non-tensor', () => {
    const a = tf.scalar(1);
    a.dispose();
    expect(() => assertFinite(a, 'a')).toThrow(InvalidArgumentError);
    // biome-ignore lint/suspicious/noExplicitAny: testing a non-tensor from untyped callers
    expect(() => assertFinite(1 as any, 'n')).toThrow(InvalidArgumentError);
  });
});
