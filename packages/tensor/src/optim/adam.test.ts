import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { adam, createAdam } from './adam.js';
import { adamCoefficients, resolveAdamHyper } from './adam-hyper.js';
import { adamReference } from './adam-kernel.js';
import { gradSequence, maxAbsDiff, refAdam, runSteps } from './optim-reference.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const THETA0 = Float32Array.from([0.5, -1.25, 2, 0.1, -0.3, 1]);

// Tolerance: float32 keeps θ to ~6e-8·|θ| per step and m/denom to ~1e-6 relative, so after a
// few steps the float32 path is within ~1e-6 of the float64 reference for |θ| ≤ 3 and updates
// ~lr; a wrong formula (missing bias correction, ε placement, decay) is off by ≥ 1e-4.
const TOL = 2e-6;

describe('adam', () => {
  it('matches a float64 re-implementation of PyTorch Adam for the first steps', () => {
    const grads = gradSequence(8, THETA0.length, 0);
    const opt = createAdam({ learningRate: 0.05 });
    const ours = runSteps(opt, THETA0, grads);
    const ref = refAdam(THETA0, grads, { lr: 0.05 });
    ref.forEach((r, t) => {
      expect(maxAbsDiff(ours[t]!, r), `step ${t + 1}`).toBeLessThan(TOL);
    });
    // The first step moves every coordinate by ≈ lr against the gradient's sign (bias correction).
    THETA0.forEach((v, i) => {
      expect(ours[0]![i]! - v).toBeCloseTo(-0.05 * Math.sign(grads[0]![i]!), 5);
    });
    opt.dispose();
  });

  it('non-default betas and eps', () => {
    const grads = gradSequence(6, THETA0.length, 1);
    const o = { lr: 0.01, beta1: 0.5, beta2: 0.9, eps: 0.1 };
    const opt = createAdam(o);
    const ours = runSteps(opt, THETA0, grads);
    refAdam(THETA0, grads, o).forEach((r, t) => {
      expect(maxAbsDiff(ours[t]!, r)).toBeLessThan(TOL);
    });
    opt.dispose();
  });

  it('AdamW (decoupled, default) and L2 weight decay match PyTorch AdamW / Adam(weight_decay)', () => {
    const grads = gradSequence(6, THETA0.length, 2);
    const w = createAdam({ learningRate: 0.02, weightDecay: 0.5 });
    const oursW = runSteps(w, THETA0, grads);
    const refW = refAdam(THETA0, grads, { lr: 0.02, weightDecay: 0.5, decoupled: true });
    refW.forEach((r, t) => {
      expect(maxAbsDiff(oursW[t]!, r)).toBeLessThan(TOL);
    });
    const l2 = createAdam({ learningRate: 0.02, weightDecay: 0.5, weightDecayMode: 'l2' });
    const oursL2 = runSteps(l2, THETA0, grads);
    const refL2 = refAdam(THETA0, grads, { lr: 0.02, weightDecay: 0.5, decoupled: false });
    refL2.forEach((r, t) => {
      expect(maxAbsDiff(oursL2[t]!, r)).toBeLessThan(TOL);
    });
    // The two modes really differ.
    expect(maxAbsDiff(refW[5]!, refL2[5]!)).toBeGreaterThan(1e-3);
    w.dispose();
    l2.dispose();
  });

  it('keeps a step count per parameter, like PyTorch (skipped parameters do not advance)', () => {
    const a = tf.variable(tf.tensor(THETA0));
    const b = tf.variable(tf.tensor(THETA0));
    const params = { a, b };
    const grads = gradSequence(3, THETA0.length, 3);
    const opt = createAdam({ learningRate: 0.1 });
    const g = grads.map((x) => tf.tensor(x));
    opt.step({ a: g[0]!, b: g[0]! }, params);
    opt.step({ a: g[1]! }, params); // b has no gradient this step
    opt.step({ a: g[2]!, b: g[1]! }, params);
    const state = opt.exportState();
    expect(state.params.a!.step).toBe(3);
    expect(state.params.b!.step).toBe(2);
    const refB = refAdam(THETA0, [grads[0]!, grads[1]!], { lr: 0.1 });
    expect(maxAbsDiff(b.dataSync(), refB[1]!)).toBeLessThan(TOL);
    tf.dispose([a, b, ...g]);
    opt.dispose();
  });

  it('clipNorm: the update uses gradients rescaled to the global norm', () => {
    const grads = gradSequence(4, THETA0.length, 4);
    const clipNorm = 0.5;
    const clipped = grads.map((g) => {
      const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
      const f = Math.min(1, clipNorm / (norm + 1e-6));
      return Float32Array.from(g, (x) => x * f);
    });
    const opt = createAdam({ learningRate: 0.05, clipNorm });
    const ours = runSteps(opt, THETA0, grads);
    refAdam(THETA0, clipped, { lr: 0.05 }).forEach((r, t) => {
      expect(maxAbsDiff(ours[t]!, r)).toBeLessThan(TOL);
    });
    opt.dispose();
  });

  it('runs no tfjs kernel per step (one fused pass) and makes no tensors, clipping aside', async () => {
    const params = Object.fromEntries(
      [0, 1, 2, 3].map((i) => [`p${i}`, tf.variable(tf.ones([10 + i, 3]))]),
    );
    const grads = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, tf.fill(v.shape, 0.5)]),
    );
    for (const [options, kernels] of [
      [{ learningRate: 1e-3, weightDecay: 0.1 }, 0],
      // clipGradients: a clip per gradient, then the norm (2 per gradient + addN, sqrt, add,
      // div, minimum) and the scaling (1 per gradient).
      [{ learningRate: 1e-3, clipValue: 1, clipNorm: 1 }, 4 * 4 + 5],
    ] as const) {
      const opt = createAdam(options);
      opt.step(grads, params); // warm-up: state creation
      const before = tf.memory().numTensors;
      const info = await tf.profile(() => {
        opt.step(grads, params);
      });
      expect(info.kernels.length).toBeLessThanOrEqual(kernels);
      expect(tf.memory().numTensors).toBe(before);
      opt.dispose();
    }
    tf.dispose([...Object.values(params), ...Object.values(grads)]);
  });

  it.each(['wasm', 'cpu'] as const)(
    're-reads a parameter assigned from outside between steps (%s)',
    async (backend) => {
      await initBackend({ backend });
      const grads = gradSequence(3, THETA0.length, 6);
      const opt = createAdam({ learningRate: 0.05, weightDecay: 0.1 });
      const p = tf.variable(tf.tensor(THETA0));
      const g = grads.map((x) => tf.tensor(x));
      opt.step({ p: g[0]! }, { p });
      opt.step({ p: g[1]! }, { p });
      p.assign(tf.fill([THETA0.length], 0.25));
      opt.step({ p: g[2]! }, { p });
      // The float32 loop over p, g, m, v with θ set to 0.25 before step 3.
      const n = THETA0.length;
      const heap = new Float32Array(4 * n);
      heap.set(THETA0);
      const h = resolveAdamHyper({ learningRate: 0.05, weightDecay: 0.1 });
      grads.forEach((x, t) => {
        if (t === 2) heap.fill(0.25, 0, n);
        heap.set(x, n);
        adamReference(heap, 0, 4 * n, 8 * n, 12 * n, n, adamCoefficients(h, t + 1));
      });
      expect(p.dataSync()).toEqual(heap.slice(0, n));
      tf.dispose([p, ...g]);
      opt.dispose();
      await initBackend({ backend: 'wasm' });
    },
  );

  it('validates options, gradient names, shapes and dtypes', () => {
    expect(() => createAdam({ learningRate: -1 })).toThrow(InvalidArgumentError);
    expect(() => createAdam({ beta1: 1 })).toThrow(InvalidArgumentError);
    expect(() => createAdam({ beta2: -0.1 })).toThrow(InvalidArgumentError);
    expect(() => createAdam({ clipNorm: 0 })).toThrow(InvalidArgumentError);
    expect(() => createAdam({ weightDecayMode: 'x' as 'l2' })).toThrow(UnknownOptionError);
    const opt = createAdam();
    const p = tf.variable(tf.zeros([2, 2]));
    const g = tf.zeros([4]);
    const gi = tf.zeros([2, 2], 'int32');
    expect(() => opt.step({ p: g }, { p })).toThrow(ShapeError);
    expect(() => opt.step({ q: g }, { p })).toThrow(/'q' is not a parameter/);
    expect(() => opt.step({ p: gi }, { p })).toThrow(InvalidArgumentError);
    expect(() => opt.setLearningRate(Number.NaN)).toThrow(InvalidArgumentError);
    tf.dispose([p, g, gi]);
    opt.dispose();
  });

  it('setLearningRate changes the following steps', () => {
    const grads = gradSequence(2, THETA0.length, 5);
    const opt = createAdam({ learningRate: 0.1 });
    const p = tf.variable(tf.tensor(THETA0));
    const g0 = tf.tensor(grads[0]!);
    const g1 = tf.tensor(grads[1]!);
    opt.step({ p: g0 }, { p });
    opt.setLearningRate(0.01);
    expect(opt.learningRate).toBe(0.01);
    opt.step({ p: g1 }, { p });
    // Reference: same moments, step 2 with lr 0.01 = (θ1 − θ2 at lr 0.1) / 10 from θ1.
    const r = refAdam(THETA0, grads, { lr: 0.1 });
    const expected = r[0]!.map((v, i) => v + (r[1]![i]! - v) / 10);
    expect(maxAbsDiff(p.dataSync(), expected)).toBeLessThan(TOL);
    tf.dispose([p, g0, g1]);
    opt.dispose();
  });

  it('keeps the deprecated adam / lr names working, and refuses unknown or conflicting keys', () => {
    const grads = gradSequence(3, THETA0.length, 11);
    const now = runSteps(createAdam({ learningRate: 0.05 }), THETA0, grads);
    const before = runSteps(adam({ lr: 0.05 }), THETA0, grads);
    expect(before).toEqual(now);
    expect(() => createAdam({ learningRate: 0.1, lr: 0.2 })).toThrow(InvalidArgumentError);
    expect(() => createAdam({ learningrate: 0.1 } as never)).toThrow(UnknownOptionError);
    expect(() => createAdam({ learningrate: 0.1 } as never)).toThrow(/learningRate/);
  });
});
