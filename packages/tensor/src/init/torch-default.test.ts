import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createRng } from '../random/rng.js';
import { stats, UNIFORM_VAR_RTOL } from './init-stats.testutil.js';
import { torchDefault } from './torch-default.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// PyTorch default: bound 1/√fanIn (kaiming_uniform with a = √5), variance 1/(3·fanIn).
const baseGain = 1;
const variance = (fanIn: number, _fanOut: number): number => 1 / (3 * fanIn);
function checkRange(maxAbs: number, v: number): void {
  const bound = Math.sqrt(3 * v);
  expect(maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
  expect(maxAbs).toBeGreaterThan(0.99 * bound);
}

describe('torchDefault', () => {
  it('dense [200, 300]: empirical variance and range match the formula', () => {
    const s = stats(torchDefault([200, 300], 1));
    const expectedVar = variance(200, 300);
    expect(s.n).toBe(60000);
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(expectedVar / s.n));
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('conv [5, 5, 40, 60]: fans include the receptive field', () => {
    const s = stats(torchDefault([5, 5, 40, 60], 2));
    const expectedVar = variance(5 * 5 * 40, 5 * 5 * 60);
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('same seed → same values (number or generator); different seed → different', () => {
    const a = stats(torchDefault([30, 20], 7)).values;
    const b = stats(torchDefault([30, 20], createRng(7))).values;
    const c = stats(torchDefault([30, 20], 8)).values;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('honours gain and explicit fans, and rejects bad ones', () => {
    const s = stats(torchDefault([100, 600], 3, { gain: 2, fanIn: 400, fanOut: 200 }));
    const expectedVar = (4 * variance(400, 200)) / baseGain ** 2;
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    expect(() => torchDefault([10], 1)).toThrow(InvalidArgumentError);
    expect(() => torchDefault([3, 3], 1, { gain: -1 })).toThrow(InvalidArgumentError);
    expect(() => torchDefault([3, 3], 1, { fanIn: 0 })).toThrow(InvalidArgumentError);
    const t = torchDefault([2, 3], 1);
    expect(t.dtype).toBe('float32');
    tf.dispose(t);
  });
});

describe('torchDefault bias', () => {
  it('uses the weight fan-in passed in options (PyTorch bias rule) and needs it', () => {
    const s = stats(torchDefault([20000], 5, { fanIn: 25 }));
    expect(s.maxAbs).toBeLessThanOrEqual(0.2 * (1 + 1e-6));
    expect(s.maxAbs).toBeGreaterThan(0.199);
    expect(Math.abs(s.variance / (0.04 / 3) - 1)).toBeLessThan(0.03);
    expect(() => torchDefault([20], 5)).toThrow(/fanIn/);
  });
});
