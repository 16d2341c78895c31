// `createAdam` replayed on the committed fixture (test/fixtures/adam.json, made by the tfjs update
// rule createAdam used to be): bit for bit, on wasm and cpu, for every option; and the fixture
// itself checked against the float64 re-implementation of PyTorch's formulas.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AdamFixtureCase,
  decodeF32,
  loadAdamFixture,
} from '../../test/fixtures/adam-fixture.js';
import { initBackend } from '../backend/init-backend.js';
import { type AdamOptions, createAdam } from './adam.js';
import { type AdamHyper, adamCoefficients } from './adam-hyper.js';
import { adamReference } from './adam-kernel.js';
import { maxAbsDiff, refAdam } from './optim-reference.testutil.js';

const fixture = loadAdamFixture();
const theta0 = Object.fromEntries(
  Object.entries(fixture.theta0).map(([k, v]) => [k, decodeF32(v)]),
);
const grads = fixture.grads.map((g) =>
  Object.fromEntries(Object.entries(g).map(([k, v]) => [k, decodeF32(v)])),
);
const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer.slice(0)));

/** Runs one fixture case with `createAdam`; returns the values after each step and the state. */
function replay(c: AdamFixtureCase) {
  const params: Record<string, tf.Variable> = {};
  for (const [name, shape] of Object.entries(fixture.shapes)) {
    params[name] = tf.variable(tf.tensor(theta0[name]!, shape, 'float32'));
  }
  const opt = createAdam(c.options as AdamOptions);
  const after: Record<string, Float32Array>[] = [];
  grads.forEach((g, t) => {
    if (c.lrAt && c.lrAt[0] === t) opt.setLearningRate(c.lrAt[1]);
    const gt: Record<string, tf.Tensor> = {};
    for (const [name, shape] of Object.entries(fixture.shapes)) {
      if (c.skip && c.skip[0] === t && c.skip[1] === name) continue;
      gt[name] = tf.tensor(g[name]!, shape, 'float32');
    }
    opt.step(gt, params);
    tf.dispose(Object.values(gt));
    after.push(
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.dataSync() as Float32Array])),
    );
  });
  const state = opt.exportState();
  opt.dispose();
  tf.dispose(Object.values(params));
  return { after, state };
}

describe.each(['wasm', 'cpu'] as const)('createAdam on %s reproduces the fixture', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });
  for (const c of fixture[backend]) {
    it(`${c.name}: parameters after every step and the final state, bit for bit`, () => {
      const { after, state } = replay(c);
      c.after.forEach((expected, t) => {
        for (const [name, data] of Object.entries(expected)) {
          expect(bits(after[t]![name]!), `${name} after step ${t + 1}`).toEqual(
            bits(decodeF32(data)),
          );
        }
      });
      expect(Object.keys(state.params).sort()).toEqual(Object.keys(c.state).sort());
      for (const [name, s] of Object.entries(c.state)) {
        const got = state.params[name]!;
        expect(got.step).toBe(s.step);
        expect(bits(got.slots.m!.data as Float32Array), `${name}.m`).toEqual(bits(decodeF32(s.m)));
        expect(bits(got.slots.v!.data as Float32Array), `${name}.v`).toEqual(bits(decodeF32(s.v)));
      }
    });
  }
});

describe('the fixture', () => {
  it('follows PyTorch Adam / AdamW (float64 re-implementation) where clipping is off', () => {
    let checked = 0;
    for (const c of fixture.wasm) {
      const o = c.options as AdamOptions;
      if (o.clipNorm !== undefined || c.skip || c.lrAt) continue;
      for (const name of Object.keys(fixture.shapes)) {
        const clip = o.clipValue ?? Number.POSITIVE_INFINITY;
        const g = grads.map((s) =>
          Float64Array.from(s[name]!, (x) => Math.min(clip, Math.max(-clip, x))),
        );
        const ref = refAdam(theta0[name]!, g, {
          lr: o.learningRate ?? 1e-3,
          beta1: o.beta1,
          beta2: o.beta2,
          eps: o.eps,
          weightDecay: o.weightDecay,
          decoupled: o.weightDecayMode !== 'l2',
        });
        ref.forEach((r, t) => {
          // float32 vs float64: ~1e-6 after a few steps for |θ| ≤ 4 (see adam.test.ts); a
          // wrong formula is off by ≥ 1e-4.
          expect(
            maxAbsDiff(decodeF32(c.after[t]![name]!), r),
            `${c.name} ${name} ${t}`,
          ).toBeLessThan(4e-6);
        });
        checked++;
      }
    }
    expect(checked).toBe(5 * 3);
  });

  it('is what the float32-rounded JS loop gives (weight decay of both kinds, no clipping)', () => {
    let checked = 0;
    for (const c of fixture.wasm) {
      const o = c.options as AdamOptions;
      if (o.clipNorm !== undefined || o.clipValue !== undefined) continue;
      let lr = 0;
      const hyper = (): AdamHyper => ({
        lr,
        beta1: o.beta1 ?? 0.9,
        beta2: o.beta2 ?? 0.999,
        eps: o.eps ?? 1e-8,
        weightDecay: o.weightDecay ?? 0,
        weightDecayMode: o.weightDecayMode ?? 'decoupled',
      });
      for (const [name, theta] of Object.entries(theta0)) {
        const n = theta.length;
        lr = o.learningRate ?? 1e-3;
        // p, g, m, v one after the other in one array, as the kernel's memory holds them.
        const heap = new Float32Array(4 * n);
        heap.set(theta);
        let step = 0;
        grads.forEach((g, t) => {
          if (c.lrAt && c.lrAt[0] === t) lr = c.lrAt[1];
          if (!(c.skip && c.skip[0] === t && c.skip[1] === name)) {
            heap.set(g[name]!, n);
            adamReference(heap, 0, 4 * n, 8 * n, 12 * n, n, adamCoefficients(hyper(), ++step));
          }
          expect(bits(heap.slice(0, n)), `${c.name} ${name} ${t}`).toEqual(
            bits(decodeF32(c.after[t]![name]!)),
          );
        });
        checked++;
      }
    }
    expect(checked).toBe(5 * 3);
  });
});
