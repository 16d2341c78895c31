import { describe, expect, it } from 'vitest';
import { factorsByLatent, traversalOrder, traversalValues } from './traversal-order.js';

describe('β-VAE traversal helpers', () => {
  it('orders dimensions by KL and marks the inactive ones', () => {
    const order = traversalOrder([0.01, 2.5, 0, 1.2, 2.5]);
    expect(order.map((o) => o.dim)).toEqual([1, 4, 3, 0, 2]);
    expect(order.map((o) => o.active)).toEqual([true, true, true, false, false]);
  });

  it('evenly spaced values, ends included', () => {
    expect(traversalValues(2, 5)).toEqual([-2, -1, 0, 1, 2]);
    expect(() => traversalValues(0, 5)).toThrow(RangeError);
    expect(() => traversalValues(1, 1)).toThrow(RangeError);
  });

  it('factorsByLatent inverts the MIG table (constant factors left out)', () => {
    const by = factorsByLatent(
      [
        { factor: 'shape', topLatent: 2, gap: 0.1 },
        { factor: 'posX', topLatent: 2, gap: 0.3 },
        { factor: 'posY', topLatent: 0, gap: 0.2 },
        { factor: 'scale', topLatent: 1, gap: null },
      ],
      3,
    );
    expect(by).toEqual([['posY'], [], ['shape', 'posX']]);
    const strong = factorsByLatent(
      [
        { factor: 'orientation', topLatent: 0, gap: 0.0001 },
        { factor: 'posY', topLatent: 0, gap: 0.43 },
        { factor: 'scale', topLatent: 1, gap: 0.05 },
      ],
      2,
      0.05,
    );
    expect(strong).toEqual([['posY'], ['scale']]);
  });
});
