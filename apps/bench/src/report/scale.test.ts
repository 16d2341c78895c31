import { describe, expect, it } from 'vitest';
import { formatTick, linearScale, niceTicks } from './scale.js';

describe('linearScale', () => {
  it('maps the domain ends to the range ends and is affine in between', () => {
    const s = linearScale([10, 20], [100, 300]);
    expect(s(10)).toBe(100);
    expect(s(20)).toBe(300);
    expect(s(12.5)).toBe(150); // 100 + 0.25 · 200
    expect(s(30)).toBe(500); // extrapolates
  });

  it('handles an inverted range (y axis) and a degenerate domain', () => {
    const y = linearScale([0, 4], [200, 0]);
    expect(y(1)).toBe(150);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });
});

describe('niceTicks', () => {
  it('gives multiples of 1, 2 or 5 × 10^k that cover the interval', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(103.2, 158.9, 6)).toEqual([100, 110, 120, 130, 140, 150, 160]);
    expect(niceTicks(103.2, 164.9, 6)).toEqual([100, 120, 140, 160, 180]);
    expect(niceTicks(-0.27, 0.31, 5)).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(niceTicks(-0.27, 0.31, 10)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('prints without binary-fraction noise', () => {
    for (const t of niceTicks(0.1, 0.7, 6)) expect(String(t).length).toBeLessThanOrEqual(4);
  });

  it('widens a zero-width interval and rejects bad bounds', () => {
    const t = niceTicks(5, 5);
    expect(t[0]).toBeLessThan(5);
    expect(t[t.length - 1]).toBeGreaterThan(5);
    expect(() => niceTicks(2, 1)).toThrow(RangeError);
    expect(() => niceTicks(0, Number.NaN)).toThrow(RangeError);
  });
});

describe('formatTick', () => {
  it('keeps integers and rounds others to 4 significant digits', () => {
    expect(formatTick(120)).toBe('120');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(1.23456)).toBe('1.235');
  });
});
