// Integration tests of the optimizers with layers and a ParamStore: memory stability over a long
// loop, determinism from the seed, and exact resume from exported state.

import { createRng, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { dense } from '../layers/dense.js';
import type { Layer } from '../layers/layer.js';
import { createParamStore, type ParamStore } from '../params/param-store.js';
import type { TensorRecord } from '../params/tensor-record.js';
import { valueAndParamGrads } from '../params/value-and-param-grads.js';
import { randomNormal } from '../random/random-tensors.js';
import { createAdam } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { createSgd } from './sgd.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

interface Mlp {
  store: ParamStore;
  layers: Layer[];
  x: tf.Tensor;
  y: tf.Tensor;
  dispose(): void;
}

/** 8 → 32 (tanh) → 1 MLP on 64 random points with targets tanh(x·a); data from seed 99. */
function buildMlp(seed: number): Mlp {
  const rng = createRng(seed);
  const store = createParamStore();
  const layers = [
    dense(store, 'fc1', { inFeatures: 8, outFeatures: 32, activation: 'tanh', seed: rng }),
    dense(store, 'fc2', { inFeatures: 32, outFeatures: 1, seed: rng }),
  ];
  const data = createRng(99);
  const x = randomNormal([64, 8], data);
  const a = randomNormal([8, 1], data);
  const y = tf.tidy(() => tf.tanh(tf.matMul(x, a)));
  a.dispose();
  return {
    store,
    layers,
    x,
    y,
    dispose() {
      tf.dispose([x, y]);
      store.dispose();
    },
  };
}

/** One training step; returns the loss tensor's value only when asked (avoids a sync). */
function step(m: Mlp, opt: Optimizer, readLoss = false): number {
  const { value, grads } = valueAndParamGrads(m.store, () =>
    tf.tidy(() => {
      const out = m.layers.reduce((h, l) => l.apply(h), m.x);
      return tf.mean(tf.squaredDifference(out, m.y)) as tf.Scalar;
    }),
  );
  opt.step(grads, m.store);
  const loss = readLoss ? value.dataSync()[0]! : Number.NaN;
  tf.dispose([value, ...Object.values(grads)]);
  return loss;
}

function sameRecords(a: Record<string, TensorRecord>, b: Record<string, TensorRecord>): boolean {
  const keys = Object.keys(a);
  if (keys.join() !== Object.keys(b).join()) return false;
  return keys.every((k) => {
    const x = a[k]!.data;
    const y = b[k]!.data;
    return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  });
}

describe('training with adam', () => {
  it('1000 steps: tensor count returns to its post-warm-up value and the loss decreases', () => {
    const m = buildMlp(1);
    const opt = createAdam({ learningRate: 1e-2 });
    const first = step(m, opt, true); // warm-up: creates the optimizer state
    const after = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 1000; i++) last = step(m, opt, i === 999);
    expect(tf.memory().numTensors).toBe(after);
    expect(last).toBeLessThan(0.1 * first);
    opt.dispose();
    m.dispose();
  });

  it('same seed → bit-identical parameters after 30 steps; different seed → different', () => {
    const run = (seed: number): Record<string, TensorRecord> => {
      const m = buildMlp(seed);
      const opt = createAdam({ learningRate: 1e-2, clipNorm: 1 });
      for (let i = 0; i < 30; i++) step(m, opt);
      const rec = m.store.toRecord();
      opt.dispose();
      m.dispose();
      return rec;
    };
    const a = run(5);
    const b = run(5);
    const c = run(6);
    expect(sameRecords(a, b)).toBe(true);
    expect(sameRecords(a, c)).toBe(false);
  });

  for (const [label, make] of [
    [
      'adamw + clipping',
      () => createAdam({ learningRate: 1e-2, weightDecay: 1e-2, clipNorm: 0.5 }),
    ],
    [
      'sgd + nesterov',
      () => createSgd({ learningRate: 0.05, momentum: 0.9, nesterov: true, clipValue: 1 }),
    ],
  ] as const) {
    it(`${label}: export → import into a fresh optimizer resumes bit-exactly`, () => {
      // Uninterrupted: 12 steps.
      const ref = buildMlp(3);
      const refOpt = make();
      for (let i = 0; i < 12; i++) step(ref, refOpt);
      const expected = ref.store.toRecord();

      // Interrupted after 5 steps: save parameters and optimizer state, throw everything away.
      const first = buildMlp(3);
      const opt1 = make();
      for (let i = 0; i < 5; i++) step(first, opt1);
      const params = first.store.toRecord();
      const state = opt1.exportState();
      opt1.dispose();
      first.dispose();
      expect(Object.values(state.params).every((p) => p.step === 5)).toBe(true);

      // Resume in a model initialized differently, with a new optimizer.
      const second = buildMlp(4);
      second.store.loadRecord(params);
      const opt2 = make();
      opt2.importState(state);
      for (let i = 0; i < 7; i++) step(second, opt2);
      expect(sameRecords(second.store.toRecord(), expected)).toBe(true);

      // Without the optimizer state the result differs (the test can fail).
      const third = buildMlp(4);
      third.store.loadRecord(params);
      const fresh = make();
      for (let i = 0; i < 7; i++) step(third, fresh);
      expect(sameRecords(third.store.toRecord(), expected)).toBe(false);

      for (const o of [refOpt, opt2, fresh]) o.dispose();
      for (const mm of [ref, second, third]) mm.dispose();
    });
  }

  it('importState rejects another kind and bad slots; step rejects a mismatched state shape', () => {
    const a = createAdam();
    const s = createSgd({ learningRate: 0.1, momentum: 0.5 });
    const p = tf.variable(tf.zeros([3]));
    const g = tf.ones([3]);
    s.step({ p: g }, { p });
    const sgdState = s.exportState();
    expect(() => a.importState(sgdState)).toThrow(/'sgd' optimizer/);
    const missing = {
      kind: 'adam' as const,
      learningRate: 1e-3,
      params: { p: { step: 1, slots: {} } },
    };
    expect(() => a.importState(missing)).toThrow(/no slot 'm'/);
    // A state recorded for another shape is refused when the parameter is stepped.
    const s2 = createSgd({ learningRate: 0.1, momentum: 0.5 });
    const bigger = tf.variable(tf.zeros([4]));
    s2.importState(sgdState);
    const g4 = tf.ones([4]);
    expect(() => s2.step({ p: g4 }, { p: bigger })).toThrow(/optimizer state of 'p'/);
    tf.dispose([p, g, bigger, g4]);
    for (const o of [a, s, s2]) o.dispose();
  });

  it('dispose frees the optimizer state (Adam keeps none in tensors, SGD momentum does)', () => {
    const m = buildMlp(1);
    const before = tf.memory().numTensors;
    const opt = createAdam();
    step(m, opt);
    // Adam's moments live in its WebAssembly memory: no tensor is left behind by a step.
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(opt.exportState().params).length).toBe(4);
    opt.dispose();
    expect(opt.exportState().params).toEqual({});
    const momentum = createSgd({ learningRate: 0.1, momentum: 0.9 });
    step(m, momentum);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(before + 4); // + cached scalars
    momentum.dispose();
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('adam refuses a state recorded for another shape when the parameter is stepped', () => {
    const a = createAdam();
    const p = tf.variable(tf.zeros([3]));
    const g = tf.ones([3]);
    a.step({ p: g }, { p });
    const b = createAdam();
    b.importState(a.exportState());
    const bigger = tf.variable(tf.zeros([4]));
    const g4 = tf.ones([4]);
    expect(() => b.step({ p: g4 }, { p: bigger })).toThrow(/optimizer state of 'p'/);
    const bad = a.exportState();
    bad.params.p!.slots.v = { shape: [1, 3], dtype: 'float32', data: new Float32Array(3) };
    expect(() => b.importState(bad)).toThrow(ShapeError);
    tf.dispose([p, g, bigger, g4]);
    for (const o of [a, b]) o.dispose();
  });
});
