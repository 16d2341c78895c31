import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { createParamStore } from './param-store.js';
import { valueAndParamGrads } from './value-and-param-grads.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('valueAndParamGrads', () => {
  it('returns the loss and gradients keyed by parameter name (closed form), leaking nothing', () => {
    const store = createParamStore();
    const t = [tf.tensor([1, 2, 3]), tf.tensor([0.5]), tf.tensor([9])];
    const a = store.create('m.a', t[0]!);
    const b = store.create('m.b', t[1]!);
    store.create('unused', t[2]!);
    tf.dispose(t);
    const before = tf.memory().numTensors;
    // L = Σ (a·b)² = b²·Σa²  →  dL/da = 2b²a, dL/db = 2bΣa².
    const { value, grads } = valueAndParamGrads(
      store,
      () => tf.sum(tf.square(tf.mul(a, b))) as tf.Scalar,
    );
    expect(value.dataSync()[0]).toBeCloseTo(3.5, 6);
    expect(Object.keys(grads).sort()).toEqual(['m.a', 'm.b']);
    expect(Array.from(grads['m.a']!.dataSync())).toEqual([0.5, 1, 1.5]);
    expect(grads['m.b']!.dataSync()[0]).toBeCloseTo(14, 5);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    store.dispose();
  });

  it('a scope view differentiates only its own parameters', () => {
    const store = createParamStore();
    const t = tf.tensor([2]);
    const e = store.create('enc.w', t);
    const d = store.create('dec.w', t);
    t.dispose();
    const { value, grads } = valueAndParamGrads(
      store.scope('dec'),
      () => tf.sum(tf.mul(e, d)) as tf.Scalar,
    );
    expect(Object.keys(grads)).toEqual(['dec.w']);
    tf.dispose([value, ...Object.values(grads)]);
    store.dispose();
  });

  it('clear errors for a non-scalar loss, no connection and no parameters', () => {
    const store = createParamStore();
    const t = tf.tensor([1, 2]);
    const w = store.create('w', t);
    const before = tf.memory().numTensors;
    expect(() => valueAndParamGrads(store, () => tf.mul(w, 2) as unknown as tf.Scalar)).toThrow(
      ShapeError,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(() => valueAndParamGrads(store, () => tf.sum(t) as tf.Scalar)).toThrow(
      /does not depend/,
    );
    expect(() => valueAndParamGrads(createParamStore(), () => tf.sum(t) as tf.Scalar)).toThrow(
      InvalidArgumentError,
    );
    t.dispose();
    store.dispose();
  });
});
