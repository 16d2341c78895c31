import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { niceTicks } from './nice-ticks.js';

describe('niceTicks', () => {
  it('gives multiples of 1, 2 or 5 × 10^k that cover the interval', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(103.2, 158.9, 6)).toEqual([100, 110, 120, 130, 140, 150, 160]);
    expect(niceTicks(103.2, 164.9, 6)).toEqual([100, 120, 140, 160, 180]);
    expect(niceTicks(-0.27, 0.31, 5)).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(niceTicks(-0.27, 0.31, 10)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('keeps to the interval with `within` (ticks of a chart with fixed limits)', () => {
    const within = { within: true };
    expect(niceTicks(0, 1, 4, within)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 1, 5, within)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(97, 312, 4, within)).toEqual([100, 200, 300]);
    expect(niceTicks(97, 312, 7, within)).toEqual([100, 150, 200, 250, 300]);
    expect(niceTicks(-3, 3, 6, within)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(niceTicks(5, 5, 4, within).length).toBeGreaterThanOrEqual(2);
  });

  it('prints without binary-fraction noise or -0', () => {
    for (const t of niceTicks(0.1, 0.7, 6)) expect(String(t).length).toBeLessThanOrEqual(4);
    expect(Object.is(niceTicks(-1, 1, 2)[1], 0)).toBe(true);
  });

  it('widens a zero-width interval and rejects bad bounds with a typed error', () => {
    const t = niceTicks(5, 5);
    expect(t[0]).toBeLessThan(5);
    expect(t[t.length - 1]).toBeGreaterThan(5);
    expect(() => niceTicks(2, 1)).toThrow(InvalidArgumentError);
    expect(() => niceTicks(0, Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => niceTicks(0, 1, 0)).toThrow(InvalidArgumentError);
  });
});
