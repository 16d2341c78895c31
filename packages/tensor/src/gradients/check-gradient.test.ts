import { InvalidArgumentError, NonFiniteError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { checkGradient } from './check-gradient.js';

/** exp(x) with a gradient function of our choosing (to feed checkGradient wrong gradients). */
function expWithGrad(grad: (dy: tf.Tensor, x: tf.Tensor, y: tf.Tensor) => tf.Tensor) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const y = tf.exp(x);
    save([x, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => grad(dy, saved[0]!, saved[1]!),
    };
  }) as (x: tf.Tensor) => tf.Tensor;
}

describe('checkGradient', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('accepts a correct gradient', () => {
    const x = tf.tensor([-1.2, -0.4, 0.3, 0.9, 1.4, 2], [2, 3]);
    const r = checkGradient((t) => tf.exp(t), [x]);
    x.dispose();
    expect(r.ok, r.summary).toBe(true);
    expect(r.inputs[0]!.indices).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('computes numeric gradients that match the float64 closed form', () => {
    const values = [-1.2, -0.4, 0.3, 0.9, 1.4, 2];
    const x = tf.tensor(values);
    // A scalar output has one random weight w, so d/dx_k [w·Σ exp(x)] = w·exp(x_k): the ratio
    // numeric_k / exp(x_k) must be the same w for every k, whatever the tfjs gradient says.
    const r = checkGradient((t) => tf.sum(tf.exp(t)), [x]);
    x.dispose();
    const numeric = r.inputs[0]!.numeric;
    const e = values.map((v) => Math.exp(Math.fround(v)));
    const w = numeric[5]! / e[5]!; // from the largest term, the least affected by rounding
    expect(Math.abs(w)).toBeGreaterThan(1e-3);
    numeric.forEach((n, k) => {
      // Budget: truncation eps²/6 ≈ 1.7e-5 relative, plus float32 rounding of the summed output
      // (≈ 4 ulp of a sum near 16 = 7.6e-6, divided by the 2·eps = 0.02 step → 4e-4, times |w|).
      expect(Math.abs(n - w * e[k]!)).toBeLessThan(Math.abs(w) * (1e-4 * e[k]! + 4e-4));
    });
  });

  it('rejects a gradient that is 5% too large', () => {
    const f = expWithGrad((dy, _x, y) => tf.mul(tf.mul(dy, y), 1.05));
    const x = tf.tensor([0.1, 0.5, -0.7, 1.2]);
    const r = checkGradient(f, [x]);
    x.dispose();
    expect(r.ok).toBe(false);
    expect(r.maxErrorRatio).toBeGreaterThan(1);
    expect(r.summary).toMatch(/MISMATCH/);
  });

  it('rejects a gradient routed to the wrong elements', () => {
    const f = expWithGrad((dy, _x, y) => tf.reverse(tf.mul(dy, y)));
    const x = tf.tensor([0.1, 0.5, -0.7, 1.2]);
    const r = checkGradient(f, [x]);
    x.dispose();
    expect(r.ok).toBe(false);
  });

  it('checks every input of a multi-input function and reports the worst one', () => {
    const a = tf.tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor([
      [0.5, -1],
      [2, 0.25],
    ]);
    // Correct for a, wrong for b (the gradient of a·b with respect to b is a, not 2a).
    const mulBadB = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      save([x, y]);
      return {
        value: tf.mul(x, y),
        gradFunc: (dy: tf.Tensor, [sx, sy]: tf.Tensor[]) => [
          tf.mul(dy, sy!),
          tf.mul(dy, tf.mul(sx!, 2)),
        ],
      };
    }) as (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;
    const r = checkGradient(mulBadB, [a, b]);
    tf.dispose([a, b]);
    expect(r.ok).toBe(false);
    expect(r.worst.input).toBe(1);
    expect(r.inputs).toHaveLength(2);
  });

  it('checks a seeded subset when maxChecksPerInput is smaller than the input', () => {
    const x = tf.tensor(Array.from({ length: 50 }, (_, i) => i / 25 - 1));
    const r1 = checkGradient((t) => tf.square(t), [x], { maxChecksPerInput: 7, seed: 3 });
    const r2 = checkGradient((t) => tf.square(t), [x], { maxChecksPerInput: 7, seed: 3 });
    x.dispose();
    const idx = r1.inputs[0]!.indices;
    expect(idx).toHaveLength(7);
    expect(new Set(idx).size).toBe(7);
    expect([...idx].sort((p, q) => p - q)).toEqual(idx);
    expect(r2.inputs[0]!.indices).toEqual(idx);
    expect(r1.ok, r1.summary).toBe(true);
  });

  it('leaves no tensors behind', () => {
    const x = tf.tensor([0.3, 0.6, 0.9]);
    const before = tf.memory().numTensors;
    checkGradient((t) => tf.sum(tf.mul(tf.sin(t), t)), [x]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('throws typed errors for bad inputs and options', () => {
    const i = tf.tensor([1, 2], [2], 'int32');
    const x = tf.tensor([1, 2]);
    expect(() => checkGradient((t) => t, [i])).toThrow(InvalidArgumentError);
    expect(() => checkGradient((t) => tf.exp(t), [x], { eps: 0 })).toThrow(InvalidArgumentError);
    expect(() => checkGradient((t) => tf.exp(t), [x], { rtol: -1 })).toThrow(InvalidArgumentError);
    expect(() => checkGradient((t) => tf.exp(t), [])).toThrow(InvalidArgumentError);
    tf.dispose([i, x]);
  });

  it('throws NonFiniteError when the function is not finite at the point', () => {
    const x = tf.tensor([0.5, -0.5]);
    expect(() => checkGradient((t) => tf.log(t), [x])).toThrow(NonFiniteError);
    x.dispose();
  });
});
