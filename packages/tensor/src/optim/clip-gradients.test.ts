import { InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { clipGradients, globalNorm } from './clip-gradients.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('globalNorm / clipGradients', () => {
  it('global norm over all gradients (3-4-12 → 13)', () => {
    const grads = { a: tf.tensor([3, 0]), b: tf.tensor([[4], [12]]) };
    const n = globalNorm(grads);
    expect(n.dataSync()[0]).toBeCloseTo(13, 5);
    tf.dispose([n, ...Object.values(grads)]);
    expect(() => globalNorm({})).toThrow(InvalidArgumentError);
  });

  it('clipNorm rescales to the requested global norm, keeping directions', () => {
    const grads = { a: tf.tensor([3, 0]), b: tf.tensor([[4], [12]]) };
    const before = tf.memory().numTensors;
    const out = clipGradients(grads, { clipNorm: 2 });
    expect(tf.memory().numTensors).toBe(before + 2);
    const n = globalNorm(out);
    // PyTorch's factor 2 / (13 + 1e-6): the result is 2·13/(13 + 1e-6), i.e. 2 to 1e-7.
    expect(n.dataSync()[0]).toBeCloseTo(2, 5);
    expect(Array.from(out.a!.dataSync()).map((x) => x / 3)).toEqual([expect.closeTo(2 / 13, 6), 0]);
    tf.dispose([n, ...Object.values(out), ...Object.values(grads)]);
  });

  it('leaves gradients whose norm is below clipNorm unchanged', () => {
    const grads = { a: tf.tensor([0.3, -0.4]) };
    const out = clipGradients(grads, { clipNorm: 1 });
    expect(Array.from(out.a!.dataSync())).toEqual(Array.from(grads.a.dataSync()));
    tf.dispose([out.a!, grads.a]);
  });

  it('clipValue clips elements; combined with clipNorm it applies value first', () => {
    const grads = { a: tf.tensor([5, -5, 0.5]) };
    const v = clipGradients(grads, { clipValue: 1 });
    expect(Array.from(v.a!.dataSync())).toEqual([1, -1, 0.5]);
    const both = clipGradients(grads, { clipValue: 1, clipNorm: 0.75 });
    const n = globalNorm(both);
    expect(n.dataSync()[0]).toBeCloseTo(0.75, 5);
    // Direction of the value-clipped vector [1, −1, 0.5] (norm 1.5), scaled by 0.5.
    expect(both.a!.dataSync()[2]).toBeCloseTo(0.25, 5);
    tf.dispose([v.a!, both.a!, n, grads.a]);
    expect(() => clipGradients({}, { clipValue: -1 })).toThrow(InvalidArgumentError);
  });
});
