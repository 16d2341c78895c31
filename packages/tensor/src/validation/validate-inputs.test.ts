import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import {
  broadcastShapes,
  requireBroadcastableTo,
  requireFloatTensor,
  requireRank,
  requireSameShape,
} from './validate-inputs.js';

describe('validate-inputs', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('broadcastShapes follows NumPy rules', () => {
    expect(broadcastShapes([4, 1], [3])).toEqual([4, 3]);
    expect(broadcastShapes([2, 3], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes([5, 1, 3], [2, 1])).toEqual([5, 2, 3]);
    expect(broadcastShapes([], [2])).toEqual([2]);
    expect(broadcastShapes([2, 3], [3, 3])).toBeUndefined();
  });

  it('checks tensors, shapes and ranks with typed errors', () => {
    const a = tf.zeros([2, 3]);
    const col = tf.zeros([2, 1]);
    const row = tf.zeros([3]);
    const big = tf.zeros([4, 2, 3]);
    const i = tf.zeros([2, 3], 'int32');
    expect(() => requireFloatTensor(a, 'a')).not.toThrow();
    expect(() => requireFloatTensor(i, 'i')).toThrow(InvalidArgumentError);
    expect(() => requireFloatTensor([1], 'arr')).toThrow(/arr: must be a tf.Tensor, got an array/);
    expect(() => requireRank(a, 'a', 2)).not.toThrow();
    expect(() => requireRank(row, 'row', 2)).toThrow(ShapeError);
    expect(() => requireSameShape(a, 'a', a, 'b')).not.toThrow();
    expect(() => requireSameShape(col, 'col', a, 'a')).toThrow(
      'col shape [2, 1] does not match a shape [2, 3]',
    );
    for (const t of [col, row])
      expect(() => requireBroadcastableTo(t, 't', a.shape, 'a')).not.toThrow();
    // Broadcasting must not enlarge the target.
    expect(() => requireBroadcastableTo(big, 'big', a.shape, 'a')).toThrow(ShapeError);
    tf.dispose([a, col, row, big, i]);
  });
});
