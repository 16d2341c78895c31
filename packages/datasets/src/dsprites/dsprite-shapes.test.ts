import { describe, expect, it } from 'vitest';
import { dspriteShapeContains } from './dsprite-shapes.js';

describe('dspriteShapeContains', () => {
  it('square: side √2 centred on the origin', () => {
    expect(dspriteShapeContains('square', 0.7, -0.7)).toBe(true);
    expect(dspriteShapeContains('square', 0.72, 0)).toBe(false);
    expect(dspriteShapeContains('square', 0, -0.72)).toBe(false);
  });

  it('ellipse: semi-axes 1 (u) and 1/2 (v)', () => {
    expect(dspriteShapeContains('ellipse', 0.99, 0)).toBe(true);
    expect(dspriteShapeContains('ellipse', 0, 0.49)).toBe(true);
    expect(dspriteShapeContains('ellipse', 0, 0.51)).toBe(false);
    expect(dspriteShapeContains('ellipse', 0.8, 0.35)).toBe(false); // 0.64 + 0.49 > 1
  });

  it('heart: tip down at −1/√2, lobes reaching radius 1 at (±√2/4, √2/4) + ½(1, 1)/√2', () => {
    expect(dspriteShapeContains('heart', 0, -0.7)).toBe(true);
    expect(dspriteShapeContains('heart', 0, -0.72)).toBe(false);
    const lobeTop = Math.SQRT2 / 4 + 0.5 * Math.SQRT1_2;
    expect(dspriteShapeContains('heart', lobeTop - 0.01, lobeTop - 0.01)).toBe(true);
    expect(dspriteShapeContains('heart', lobeTop + 0.01, lobeTop + 0.01)).toBe(false);
    expect(Math.hypot(lobeTop, lobeTop)).toBeCloseTo(1, 12); // circumscribed radius 1
    // The notch between the lobes: above the diamond's top corner, outside both discs.
    expect(dspriteShapeContains('heart', 0, 0.75)).toBe(false);
    expect(dspriteShapeContains('heart', 0, 0.6)).toBe(true);
    // Mirror symmetric.
    expect(dspriteShapeContains('heart', -0.6, 0.5)).toBe(dspriteShapeContains('heart', 0.6, 0.5));
  });

  it('every shape lies in the unit disc (Monte-Carlo over the square [−1.2, 1.2]²)', () => {
    let s = 12345;
    const rand = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s / 2 ** 32) * 2.4 - 1.2;
    };
    let outside = 0;
    let violations = 0;
    for (let k = 0; k < 20000; k++) {
      const u = rand();
      const v = rand();
      if (u * u + v * v > 1 + 1e-12) {
        outside++;
        for (const shape of ['square', 'ellipse', 'heart'] as const) {
          if (dspriteShapeContains(shape, u, v)) violations++;
        }
      }
    }
    expect(outside).toBeGreaterThan(5000);
    expect(violations).toBe(0);
  });
});
