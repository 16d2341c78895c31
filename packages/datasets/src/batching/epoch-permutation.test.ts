import { createRng, InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { epochPermutation } from './epoch-permutation.js';

describe('epochPermutation', () => {
  it('is a permutation, reproducible per (seed, epoch), different across epochs and seeds', () => {
    const a = epochPermutation(1000, 7, 3);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(epochPermutation(1000, 7, 3)).toEqual(a);
    expect(epochPermutation(1000, 7, 4)).not.toEqual(a);
    expect(epochPermutation(1000, 8, 3)).not.toEqual(a);
  });

  it('does not advance a generator passed as seed', () => {
    const rng = createRng(11);
    const first = epochPermutation(50, rng, 0);
    expect(epochPermutation(50, rng, 0)).toEqual(first);
    expect(rng.next()).toBe(createRng(11).next());
  });

  it('rejects bad arguments', () => {
    expect(() => epochPermutation(-1, 1)).toThrow(InvalidArgumentError);
    expect(() => epochPermutation(10, 1, 0.5)).toThrow(InvalidArgumentError);
    expect(() => epochPermutation(10, undefined as never)).toThrow(InvalidArgumentError);
  });
});
