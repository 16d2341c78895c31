import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { createParamStore } from './param-store.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

function filled(shape: number[], start: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, (_, i) => start + i / 8),
    shape,
  );
}

describe('ParamStore', () => {
  it('creates, gets and lists hierarchical names; counts parameters', () => {
    const store = createParamStore();
    const enc = store.scope('encoder');
    const v = filled([2, 3], 0);
    const w = enc.scope('fc1').create('weight', v);
    v.dispose(); // the store holds its own copy
    const b = tf.zeros([3]);
    enc.create('fc1.bias', b);
    b.dispose();
    const s = tf.ones([4]);
    store.create('decoder.scale', s, { trainable: false });
    s.dispose();
    expect(store.names()).toEqual(['encoder.fc1.weight', 'encoder.fc1.bias', 'decoder.scale']);
    expect(enc.names()).toEqual(['encoder.fc1.weight', 'encoder.fc1.bias']);
    expect(enc.prefix).toBe('encoder');
    expect(store.get('encoder.fc1.weight')).toBe(w);
    expect(enc.get('fc1.weight')).toBe(w);
    expect(Array.from(w.dataSync())).toEqual([0, 0.125, 0.25, 0.375, 0.5, 0.625]);
    expect(store.has('encoder.fc1.bias')).toBe(true);
    expect(store.has('fc1.bias')).toBe(false);
    expect(store.numParams()).toBe(13);
    expect(enc.numParams()).toBe(9);
    expect(Object.keys(store.variables(true))).toEqual(['encoder.fc1.weight', 'encoder.fc1.bias']);
    expect(Object.keys(store.variables())).toHaveLength(3);
    store.dispose();
  });

  it('rejects duplicate, malformed and unknown names and non-float values', () => {
    const store = createParamStore();
    const t = tf.zeros([2]);
    store.create('a.b', t);
    expect(() => store.create('a.b', t)).toThrow(/exists/);
    for (const bad of ['', 'a..b', '.a', 'a.', 'a b', 'a/b']) {
      expect(() => store.create(bad, t), bad).toThrow(InvalidArgumentError);
    }
    expect(() => store.get('nope')).toThrow(/no parameter 'nope'/);
    const ints = tf.zeros([2], 'int32');
    expect(() => store.create('i', ints)).toThrow(InvalidArgumentError);
    tf.dispose([t, ints]);
    store.dispose();
  });

  it('two stores may use the same names (tfjs variable names stay unique)', () => {
    const a = createParamStore();
    const b = createParamStore();
    const t = tf.zeros([1]);
    a.create('fc.weight', t);
    expect(() => b.create('fc.weight', t)).not.toThrow();
    t.dispose();
    a.dispose();
    b.dispose();
  });

  it('toRecord → loadRecord round-trips exactly, and records are independent copies', () => {
    const store = createParamStore();
    const init = [filled([2, 3], 1), filled([3], -2)];
    store.create('fc.weight', init[0]!);
    store.create('fc.bias', init[1]!);
    tf.dispose(init);
    const rec = store.toRecord();
    expect(rec['fc.weight']).toEqual({
      shape: [2, 3],
      dtype: 'float32',
      data: Float32Array.from([1, 1.125, 1.25, 1.375, 1.5, 1.625]),
    });
    const other = createParamStore();
    const z = [tf.zeros([2, 3]), tf.zeros([3])];
    other.create('fc.weight', z[0]!);
    other.create('fc.bias', z[1]!);
    tf.dispose(z);
    other.loadRecord(rec);
    const back = other.toRecord();
    expect(back['fc.weight']!.data).toEqual(rec['fc.weight']!.data);
    expect(back['fc.bias']!.data).toEqual(rec['fc.bias']!.data);
    // Mutating the record afterwards must not change the loaded parameters.
    rec['fc.bias']!.data[0] = 99;
    expect(other.get('fc.bias').dataSync()[0]).toBe(-2);
    store.dispose();
    other.dispose();
  });

  it('loadRecord: ShapeError naming the parameter; nothing changes on failure', () => {
    const store = createParamStore();
    const t = [filled([2, 3], 0), filled([3], 0)];
    store.create('fc.weight', t[0]!);
    store.create('fc.bias', t[1]!);
    tf.dispose(t);
    const before = store.toRecord();
    const bad = {
      'fc.bias': { shape: [3], dtype: 'float32' as const, data: new Float32Array([7, 7, 7]) },
      'fc.weight': { shape: [3, 2], dtype: 'float32' as const, data: new Float32Array(6) },
    };
    expect(() => store.loadRecord(bad)).toThrow(ShapeError);
    expect(() => store.loadRecord(bad)).toThrow(
      /fc\.weight: record has shape \[3, 2\], expected \[2, 3\]/,
    );
    expect(store.get('fc.bias').dataSync()).toEqual(before['fc.bias']!.data); // unchanged
    const short = {
      ...before,
      'fc.bias': { shape: [3], dtype: 'float32' as const, data: new Float32Array(2) },
    };
    expect(() => store.loadRecord(short)).toThrow(/fc\.bias: record data has 2 values/);
    store.dispose();
  });

  it('loadRecord strict mode names missing and unknown entries; non-strict skips them', () => {
    const store = createParamStore();
    const t = tf.zeros([2]);
    store.create('a', t);
    store.create('b', t);
    t.dispose();
    const rec = { a: { shape: [2], dtype: 'float32' as const, data: new Float32Array([1, 2]) } };
    const extra = { ...rec, c: rec.a };
    expect(() => store.loadRecord(rec)).toThrow(/missing b/);
    expect(() => store.loadRecord(extra)).toThrow(/unknown c/);
    store.loadRecord(extra, { strict: false });
    expect(Array.from(store.get('a').dataSync())).toEqual([1, 2]);
    store.dispose();
  });

  it('dispose frees every variable (scoped dispose frees only its part)', () => {
    const before = tf.memory().numTensors;
    const store = createParamStore();
    const t = tf.zeros([4]);
    store.create('enc.w', t);
    store.create('dec.w', t);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    store.scope('enc').dispose();
    expect(store.names()).toEqual(['dec.w']);
    expect(tf.memory().numTensors).toBe(before + 1);
    store.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(store.names()).toEqual([]);
  });
});
