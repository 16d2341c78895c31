import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { mergedTranspose } from './merged-transpose.js';

const cases: [number[], number[]][] = [
  [
    [2, 3, 4, 5],
    [3, 1, 2, 0],
  ], // NHWC → CHWN: merges H and W
  [
    [2, 3, 4, 5],
    [1, 2, 0, 3],
  ],
  [
    [2, 1, 3, 2, 2, 3],
    [0, 2, 5, 1, 3, 4],
  ], // rank 6 with a size-1 axis
  [
    [3, 2, 2, 2, 2, 4],
    [0, 1, 3, 2, 4, 5],
  ], // rank 6 that merges to rank 4
  [
    [4, 1, 5],
    [1, 0, 2],
  ], // only a size-1 axis moves: no transpose at all
  [
    [2, 3],
    [0, 1],
  ], // identity
  [
    [1, 1, 1],
    [2, 0, 1],
  ],
];

describe.each(['cpu', 'wasm'] as const)('mergedTranspose on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each(cases)('shape %j perm %j equals tf.transpose', (shape, perm) => {
    const x = tf.reshape(tf.range(0, tf.util.sizeFromShape(shape)), shape);
    const want = tf.transpose(x, perm);
    const got = mergedTranspose(x, perm);
    expect(got.shape).toEqual(want.shape);
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([x, want, got]);
  });

  it('lowers the rank the backend sees, and skips the kernel when only size-1 axes move', async () => {
    const x = tf.zeros([3, 2, 2, 2, 2, 4]);
    const p = await tf.profile(() => mergedTranspose(x, [0, 1, 3, 2, 4, 5]));
    const t = p.kernels.filter((k) => k.name === 'Transpose');
    expect(t).toHaveLength(1);
    expect(t[0]!.inputShapes[0]).toEqual([6, 2, 2, 8]);
    const y = tf.zeros([4, 1, 5]);
    const q = await tf.profile(() => mergedTranspose(y, [1, 0, 2]));
    expect(q.kernelNames).not.toContain('Transpose');
    tf.dispose([x, y, p.result as tf.Tensor, q.result as tf.Tensor]);
  });
});
