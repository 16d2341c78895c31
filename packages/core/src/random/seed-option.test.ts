import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createRng } from './rng.js';
import { isSeedLike, seedOption } from './seed-option.js';

describe('seedOption', () => {
  it('prefers options.seed, then the positional seed, then 0', () => {
    expect(seedOption({ seed: 3 }, undefined, 'f')).toBe(3);
    expect(seedOption({}, 4, 'f')).toBe(4);
    expect(seedOption(undefined, undefined, 'f')).toBe(0);
    const rng = createRng(1);
    expect(seedOption({ seed: rng }, rng, 'f')).toBe(rng);
  });

  it('refuses two different seeds, naming the builder', () => {
    expect(() => seedOption({ seed: 1 }, 2, 'createModel')).toThrow(InvalidArgumentError);
    expect(() => seedOption({ seed: 1 }, 2, 'createModel')).toThrow(/createModel was given/);
  });

  it('isSeedLike tells a seed from an options object', () => {
    expect(isSeedLike(3)).toBe(true);
    expect(isSeedLike(createRng(3))).toBe(true);
    expect(isSeedLike({ seed: 3 })).toBe(false);
    expect(isSeedLike(undefined)).toBe(false);
  });
});
