// Test support (not exported): the checks every variance-scaling initializer must pass. Each
// initializer's test file gives one row: its distribution, default gain and the variance formula
// written from its definition (an independent closed form, not a call into our code).

import { createRng, InvalidArgumentError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NORMAL_VAR_RTOL, stats, UNIFORM_VAR_RTOL } from './init-stats.testutil.js';
import type { Initializer } from './initializer.js';

/** One initializer's expected behaviour. */
export interface InitializerCase {
  /** The initializer under test. */
  init: Initializer;
  /** `'uniform'`: U(−b, b) with b = √(3·variance); `'normal'`: untruncated N(0, variance). */
  distribution: 'uniform' | 'normal';
  /** Default gain; the explicit-gain check expects the variance scaled by (gain / baseGain)². */
  baseGain: number;
  /** Expected variance at the default gain, from the fans. */
  variance: (fanIn: number, fanOut: number) => number;
}

/** Largest |value| fits the distribution of variance `v`. */
function checkRange(distribution: InitializerCase['distribution'], maxAbs: number, v: number) {
  if (distribution === 'uniform') {
    const bound = Math.sqrt(3 * v);
    expect(maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expect(maxAbs).toBeGreaterThan(0.99 * bound);
  } else {
    expect(maxAbs).toBeGreaterThan(3 * Math.sqrt(v)); // P(|x| > 3σ) = 0.27%: ~160 of 60000
    expect(maxAbs).toBeLessThan(6 * Math.sqrt(v));
  }
}

/**
 * Declares `describe(name)` with the shared initializer tests: variance, mean and range for a
 * dense and a conv shape, seeding, gain and explicit fans, rejected options and the dtype.
 * The caller initializes the backend.
 */
export function describeInitializer(name: string, c: InitializerCase): void {
  const { init, baseGain, variance } = c;
  const rtol = c.distribution === 'uniform' ? UNIFORM_VAR_RTOL : NORMAL_VAR_RTOL;

  describe(name, () => {
    it('dense [200, 300]: empirical variance and range match the formula', () => {
      const s = stats(init([200, 300], 1));
      const expectedVar = variance(200, 300);
      expect(s.n).toBe(60000);
      expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(expectedVar / s.n));
      expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(rtol);
      checkRange(c.distribution, s.maxAbs, expectedVar);
    });

    it('conv [5, 5, 40, 60]: fans include the receptive field', () => {
      const s = stats(init([5, 5, 40, 60], 2));
      const expectedVar = variance(5 * 5 * 40, 5 * 5 * 60);
      expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(rtol);
      checkRange(c.distribution, s.maxAbs, expectedVar);
    });

    it('same seed → same values (number or generator); different seed → different', () => {
      const a = stats(init([30, 20], 7)).values;
      const b = stats(init([30, 20], createRng(7))).values;
      const d = stats(init([30, 20], 8)).values;
      expect(b).toEqual(a);
      expect(d).not.toEqual(a);
    });

    it('honours gain and explicit fans, and rejects bad ones', () => {
      const s = stats(init([100, 600], 3, { gain: 2, fanIn: 400, fanOut: 200 }));
      const expectedVar = (4 * variance(400, 200)) / baseGain ** 2;
      expect(Math.abs(s.variance / expectedVar - 1)).toBeLessThan(rtol);
      expect(() => init([10], 1)).toThrow(InvalidArgumentError);
      expect(() => init([3, 3], 1, { gain: -1 })).toThrow(InvalidArgumentError);
      expect(() => init([3, 3], 1, { fanIn: 0 })).toThrow(InvalidArgumentError);
      const t = init([2, 3], 1);
      expect(t.dtype).toBe('float32');
      tf.dispose(t);
    });
  });
}
