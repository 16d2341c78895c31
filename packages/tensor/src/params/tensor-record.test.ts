import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { recordToTensor, tensorToRecord } from './tensor-record.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('tensorToRecord / recordToTensor', () => {
  it('round-trips shape and values exactly', () => {
    const values = [0.1, -2.5, 3e-8, 1e30, -0, 7];
    const t = tf.tensor(values, [3, 2]);
    const rec = tensorToRecord(t, 'w');
    expect(rec.shape).toEqual([3, 2]);
    expect(rec.dtype).toBe('float32');
    expect(rec.data).toEqual(Float32Array.from(values));
    const back = recordToTensor(rec, [3, 2], 'w');
    expect(back.dataSync()).toEqual(Float32Array.from(values));
    tf.dispose([t, back]);
  });

  it('checks dtype, shape and length', () => {
    const i = tf.tensor([1, 2], [2], 'int32');
    expect(() => tensorToRecord(i, 'idx')).toThrow(InvalidArgumentError);
    i.dispose();
    const rec = { shape: [2], dtype: 'float32' as const, data: new Float32Array(2) };
    expect(() => recordToTensor(rec, [1, 2], 'p')).toThrow(ShapeError);
    expect(() => recordToTensor({ ...rec, data: new Float32Array(3) }, [2], 'p')).toThrow(
      /3 values/,
    );
  });
});
