import { createRng, InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { sampleUniformFactors } from './sample-uniform-factors.js';

describe('sampleUniformFactors', () => {
  it('draws every class of every factor about equally often (binomial 5σ bounds)', () => {
    const sizes = [3, 6, 40];
    const n = 60_000;
    const out = sampleUniformFactors(sizes, n, createRng(1));
    sizes.forEach((size, j) => {
      const counts = new Array(size).fill(0);
      for (let i = 0; i < n; i++) counts[out[i * 3 + j]!]++;
      const p = 1 / size;
      const sd = Math.sqrt(n * p * (1 - p));
      for (const c of counts) expect(Math.abs(c - n * p)).toBeLessThan(5 * sd);
    });
  });

  it('holds a fixed factor, and draws the same points in one call or several', () => {
    const sizes = [3, 6, 40, 32];
    const fixed = sampleUniformFactors(sizes, 500, createRng(2), { factor: 2, value: 17 });
    for (let i = 0; i < 500; i++) expect(fixed[i * 4 + 2]).toBe(17);
    expect(new Set(Array.from({ length: 500 }, (_, i) => fixed[i * 4 + 3])).size).toBe(32);
    const once = sampleUniformFactors(sizes, 10, createRng(3));
    const rng = createRng(3);
    const twice = [...sampleUniformFactors(sizes, 4, rng), ...sampleUniformFactors(sizes, 6, rng)];
    expect(Array.from(once)).toEqual(twice);
    expect(sampleUniformFactors(sizes, 10, createRng(4))).not.toEqual(once);
  });

  it('refuses bad sizes, counts and fixed factors', () => {
    const rng = createRng(0);
    expect(() => sampleUniformFactors([3, 0], 2, rng)).toThrow(/factorSizes\[1\]/);
    expect(() => sampleUniformFactors([3], -1, rng)).toThrow(InvalidArgumentError);
    expect(() => sampleUniformFactors([3], 1, rng, { factor: 1, value: 0 })).toThrow(
      /fixed.factor/,
    );
    expect(() => sampleUniformFactors([3], 1, rng, { factor: 0, value: 3 })).toThrow(/fixed.value/);
  });
});
