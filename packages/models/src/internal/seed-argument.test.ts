import { createRng, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { seedArgument } from './seed-argument.js';

describe('seedArgument', () => {
  it('takes a bare seed as given, else options.seed, default 0', () => {
    const rng = createRng(4);
    expect(seedArgument(3, 'f')).toBe(3);
    expect(seedArgument(rng, 'f')).toBe(rng);
    expect(seedArgument({ seed: 5 }, 'f')).toBe(5);
    expect(seedArgument({}, 'f')).toBe(0);
  });

  it('refuses another key, naming the builder', () => {
    expect(() => seedArgument({ sed: 1 } as never, 'createModel')).toThrow(UnknownOptionError);
    expect(() => seedArgument({ sed: 1 } as never, 'createModel')).toThrow(/createModel options/);
  });
});
