import { describe, expect, it } from 'vitest';
import { linearScale } from './linear-scale.js';

describe('linearScale', () => {
  it('maps the domain ends to the range ends and is affine in between', () => {
    const s = linearScale([10, 20], [100, 300]);
    expect(s(10)).toBe(100);
    expect(s(20)).toBe(300);
    expect(s(12.5)).toBe(150); // 100 + 0.25 · 200
    expect(s(30)).toBe(500); // extrapolates
    expect(s.domain).toEqual([10, 20]);
    expect(s.range).toEqual([100, 300]);
  });

  it('handles an inverted range (y axis) and a degenerate domain', () => {
    const y = linearScale([0, 4], [200, 0]);
    expect(y(1)).toBe(150);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });

  it('inverts', () => {
    const s = linearScale([-2, 2], [0, 400]);
    expect(s(0)).toBe(200);
    expect(s.invert(100)).toBe(-1);
    expect(s.invert(s(1.234))).toBeCloseTo(1.234, 12);
    expect(linearScale([3, 3], [0, 10]).invert(7)).toBe(3);
  });
});
