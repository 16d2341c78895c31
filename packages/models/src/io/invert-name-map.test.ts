import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { invertNameMap } from './invert-name-map.js';
import { torchVaeNameMap } from './torch-vae-name-map.js';

describe('invertNameMap', () => {
  it('swaps keys and values; inverting twice gives the map back', () => {
    const inverse = invertNameMap(torchVaeNameMap);
    expect(inverse['encoder.mu.weight']).toBe('fc21.weight');
    expect(invertNameMap(inverse)).toEqual(torchVaeNameMap);
    expect(Object.keys(invertNameMap({ a: '__proto__' }))).toEqual(['__proto__']);
  });

  it('refuses a map that is not one-to-one', () => {
    expect(() => invertNameMap({ a: 'x', b: 'x' })).toThrow(InvalidArgumentError);
    expect(() => invertNameMap({ a: 'x', b: 'x' })).toThrow(/'a' and 'b' both map to 'x'/);
  });
});
