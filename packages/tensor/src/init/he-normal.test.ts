import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createRng } from '../random/rng.js';
import { heNormal } from './he-normal.js';
import { NORMAL_VAR_RTOL, stats } from './init-stats.testutil.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

// He normal: σ² = 2/fanIn, untruncated.
const baseGain = Math.SQRT2;
const variance = (fanIn: number, _fanOut: number): number => 2 / fanIn;
function checkRange(maxAbs: number, v: number): void {
  expect(maxAbs).toBeGreaterThan(3 * Math.sqrt(v));
  expect(maxAbs).toBeLessThan(6 * Math.sqrt(v));
}

describe('heNormal', () => {
  it('dense [200, 300]: empirical variance and range match the formula', () => {
    const s = stats(heNormal([200, 300], 1));
    const expectedVar = variance(200, 300);
    expect(s.n).toBe(60000);
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(expectedVar / s.n));
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(NORMAL_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('conv [5, 5, 40, 60]: fans include the receptive field', () => {
    const s = stats(heNormal([5, 5, 40, 60], 2));
    const expectedVar = variance(5 * 5 * 40, 5 * 5 * 60);
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(NORMAL_VAR_RTOL);
    checkRange(s.maxAbs, expectedVar);
  });

  it('same seed → same values (number or generator); different seed → different', () => {
    const a = stats(heNormal([30, 20], 7)).values;
    const b = stats(heNormal([30, 20], createRng(7))).values;
    const c = stats(heNormal([30, 20], 8)).values;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('honours gain and explicit fans, and rejects bad ones', () => {
    const s = stats(heNormal([100, 600], 3, { gain: 2, fanIn: 400, fanOut: 200 }));
    const expectedVar = (4 * variance(400, 200)) / baseGain ** 2;
    expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(NORMAL_VAR_RTOL);
    expect(() => heNormal([10], 1)).toThrow(InvalidArgumentError);
    expect(() => heNormal([3, 3], 1, { gain: -1 })).toThrow(InvalidArgumentError);
    expect(() => heNormal([3, 3], 1, { fanIn: 0 })).toThrow(InvalidArgumentError);
    const t = heNormal([2, 3], 1);
    expect(t.dtype).toBe('float32');
    tf.dispose(t);
  });
});
