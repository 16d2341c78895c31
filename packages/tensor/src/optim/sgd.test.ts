import { InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import {
  gradSequence,
  maxAbsDiff,
  type RefSgdOptions,
  refSgd,
  runSteps,
} from './optim-reference.testutil.js';
import { createSgd } from './sgd.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const THETA0 = Float32Array.from([0.5, -1.25, 2, 0.1, -0.3, 1]);
// float32 rounding of θ (≤ 3) and of the buffer: ~1e-7 per step; a wrong formula is ≥ 1e-3 off.
const TOL = 1e-6;

const CASES: RefSgdOptions[] = [
  { lr: 0.1 },
  { lr: 0.1, momentum: 0.9 },
  { lr: 0.05, momentum: 0.8, dampening: 0.3 },
  { lr: 0.05, momentum: 0.9, nesterov: true },
  { lr: 0.1, momentum: 0.5, weightDecay: 0.1 },
];

describe('sgd', () => {
  for (const o of CASES) {
    it(`matches a float64 re-implementation of PyTorch SGD: ${JSON.stringify(o)}`, () => {
      const grads = gradSequence(8, THETA0.length, 7);
      const opt = createSgd(o);
      const ours = runSteps(opt, THETA0, grads);
      refSgd(THETA0, grads, o).forEach((r, t) => {
        expect(maxAbsDiff(ours[t]!, r), `step ${t + 1}`).toBeLessThan(TOL);
      });
      opt.dispose();
    });
  }

  it('momentum differs from plain SGD after the first step (the buffer starts at g)', () => {
    const grads = gradSequence(2, THETA0.length, 8);
    const plain = refSgd(THETA0, grads, { lr: 0.1 });
    const mom = createSgd({ learningRate: 0.1, momentum: 0.9, dampening: 0.5 });
    const ours = runSteps(mom, THETA0, grads);
    expect(maxAbsDiff(ours[0]!, plain[0]!)).toBeLessThan(TOL); // buffer = g, no dampening
    expect(maxAbsDiff(ours[1]!, plain[1]!)).toBeGreaterThan(1e-2);
    mom.dispose();
  });

  it('clipValue and clipNorm act on the gradients before the update', () => {
    const g = Float32Array.from([3, -4, 0.05, 0, 12, -0.2]);
    const byValue = createSgd({ learningRate: 1, clipValue: 0.1 });
    const [v] = runSteps(byValue, THETA0, [g]);
    const expectedV = THETA0.map((t, i) => t - Math.max(-0.1, Math.min(0.1, g[i]!)));
    expect(maxAbsDiff(v!, expectedV)).toBeLessThan(TOL);
    const byNorm = createSgd({ learningRate: 1, clipNorm: 0.5 });
    const [n] = runSteps(byNorm, THETA0, [g]);
    const stepNorm = Math.sqrt(n!.reduce((s, x, i) => s + (x - THETA0[i]!) ** 2, 0));
    expect(stepNorm).toBeCloseTo(0.5, 5);
    byValue.dispose();
    byNorm.dispose();
  });

  it('validates options', () => {
    expect(() => createSgd({ learningRate: Number.POSITIVE_INFINITY })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createSgd({ learningRate: 0.1, momentum: -1 })).toThrow(InvalidArgumentError);
    expect(() => createSgd({ learningRate: 0.1, dampening: 2 })).toThrow(InvalidArgumentError);
    expect(() => createSgd({ learningRate: 0.1, nesterov: true })).toThrow(/nesterov/);
    expect(() =>
      createSgd({ learningRate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
    ).toThrow(/nesterov/);
  });

  it('uses few kernels: 2 per parameter (plain), 4 (momentum), 6 (nesterov)', async () => {
    for (const [o, perParam] of [
      [{ lr: 0.1 }, 2],
      [{ lr: 0.1, momentum: 0.9 }, 4],
      [{ lr: 0.1, momentum: 0.9, nesterov: true }, 6],
    ] as const) {
      const params = { a: tf.variable(tf.ones([5])), b: tf.variable(tf.ones([2, 2])) };
      const grads = { a: tf.ones([5]), b: tf.ones([2, 2]) };
      const opt = createSgd(o);
      opt.step(grads, params);
      const info = await tf.profile(() => opt.step(grads, params));
      expect(info.kernels.length).toBeLessThanOrEqual(perParam * 2);
      expect(info.newTensors).toBe(0);
      tf.dispose([...Object.values(params), ...Object.values(grads)]);
      opt.dispose();
    }
  });
});
