import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { LatentkitError } from '../errors/latentkit-error.js';
import { UnknownOptionError } from '../errors/unknown-option-error.js';
import { requireKnownOptions } from './require-known-options.js';

describe('requireKnownOptions', () => {
  const allowed = ['seed', 'batchSize'];

  it('accepts no options, known keys, and unknown keys whose value is undefined', () => {
    expect(() => requireKnownOptions(undefined, allowed)).not.toThrow();
    expect(() => requireKnownOptions({}, allowed)).not.toThrow();
    expect(() => requireKnownOptions({ seed: 1, batchSize: 32 }, allowed)).not.toThrow();
    expect(() => requireKnownOptions({ seed: 1, extra: undefined }, allowed)).not.toThrow();
  });

  it('refuses a typo with a typed error naming the key, the owner and the allowed keys', () => {
    let caught: unknown;
    try {
      requireKnownOptions({ seed: 1, batchsize: 32 }, allowed, 'train options');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownOptionError);
    expect(caught).toBeInstanceOf(LatentkitError);
    const error = caught as UnknownOptionError;
    expect(error.code).toBe('UNKNOWN_OPTION');
    expect(error.option).toBe('batchsize');
    expect(error.message).toBe(
      'unknown option "batchsize" in train options; known options: "seed", "batchSize"',
    );
  });

  it('says "options" when no owner is given, and "none" when nothing is allowed', () => {
    expect(() => requireKnownOptions({ a: 1 }, [])).toThrow(
      'unknown option "a" in options; known options: none',
    );
  });

  it('refuses anything that is not a plain object', () => {
    for (const bad of [null, 3, 'seed', [1, 2], true]) {
      expect(() => requireKnownOptions(bad, allowed, 'fit options')).toThrow(InvalidArgumentError);
    }
    expect(() => requireKnownOptions([1], allowed, 'fit options')).toThrow(
      'fit options: must be an object, got an array',
    );
  });
});
