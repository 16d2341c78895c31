import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { principalAngles } from './principal-angles.js';

describe('principalAngles', () => {
  it('matches the construction span{e1, e2} vs span{e1, cos θ e2 + sin θ e3}', () => {
    for (const theta of [1e-7, 0.3, 1.2, Math.PI / 2]) {
      const a = [1, 0, 0, 0, 0, 1, 0, 0];
      const b = [2, 0, 0, 0, 0, Math.cos(theta), Math.sin(theta), 0]; // unnormalized first row
      const angles = principalAngles(a, b, 4);
      expect(angles[0]).toBeCloseTo(0, 7);
      expect(Math.abs((angles[1] as number) - theta) / theta).toBeLessThan(1e-6);
    }
  });

  it('is basis-independent and handles unequal dimensions', () => {
    const a = [1, 1, 0, 1, -1, 0];
    const b = [1, 0, 0];
    const one = principalAngles(a, b, 3);
    expect(one.length).toBe(1);
    expect(one[0]).toBeCloseTo(0, 12);
    expect(principalAngles([0, 0, 1], a, 3)[0]).toBeCloseTo(Math.PI / 2, 12);
    expect(() => principalAngles([1, 2, 2, 4], [1, 0], 2)).toThrow(InvalidArgumentError);
  });
});
