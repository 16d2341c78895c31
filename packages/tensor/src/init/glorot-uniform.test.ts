import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createRng } from '../random/rng.js';
import { glorotUniform } from './glorot-uniform.js';
import { stats, UNIFORM_VAR_RTOL } from './init-stats.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// Glorot uniform: bound √(6/(fanIn+fanOut)), variance bound²/3 = 2/(fanIn+fanOut).
const baseGain = 1;
const variance = (fanIn: number, fanOut: number): number => 2 / (fanIn + fanOut);
function checkRange(maxAbs: number, v: number): void {
  const bound = Math.sqrt(3 * v);
  expect(maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
  expect(maxAbs).toBeGreaterThan(0.99 * bound);
}

describe('glorotUniform', () => {
  it('dense [200, 300]: empirical variance and range match the formula', () => {
    const s = stats(glorotUniform([200, 300], 1));
    const expectedVar = variance(200, 300);
    expect(s.n).toBe(60000);
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(expectedVar / s.n));
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('conv [5, 5, 40, 60]: fans include the receptive field', () => {
    const s = stats(glorotUniform([5, 5, 40, 60], 2));
    const expectedVar = variance(5 * 5 * 40, 5 * 5 * 60);
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('same seed → same values (number or generator); different seed → different', () => {
    const a = stats(glorotUniform([30, 20], 7)).values;
    const b = stats(glorotUniform([30, 20], createRng(7))).values;
    const c = stats(glorotUniform([30, 20], 8)).values;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('honours gain and explicit fans, and rejects bad ones', () => {
    const s = stats(glorotUniform([100, 600], 3, { gain: 2, fanIn: 400, fanOut: 200 }));
    const expectedVar = (4 * variance(400, 200)) / baseGain ** 2;
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(UNIFORM_VAR_RTOL);
    expect(() => glorotUniform([10], 1)).toThrow(InvalidArgumentError);
    expect(() => glorotUniform([3, 3], 1, { gain: -1 })).toThrow(InvalidArgumentError);
    expect(() => glorotUniform([3, 3], 1, { fanIn: 0 })).toThrow(InvalidArgumentError);
    const t = glorotUniform([2, 3], 1);
    expect(t.dtype).toBe('float32');
    tf.dispose(t);
  });
});
