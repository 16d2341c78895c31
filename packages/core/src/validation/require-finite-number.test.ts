import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { requireFiniteNumber } from './require-finite-number.js';

describe('requireFiniteNumber', () => {
  it('accepts finite numbers of the requested sign', () => {
    expect(() => requireFiniteNumber(-2.5, 'x')).not.toThrow();
    expect(() => requireFiniteNumber(1e-300, 'x', 'positive')).not.toThrow();
    expect(() => requireFiniteNumber(0, 'x', 'nonNegative')).not.toThrow();
  });

  it('refuses NaN, infinities, non-numbers and the wrong sign, naming the argument', () => {
    const cases: [unknown, 'any' | 'positive' | 'nonNegative', string][] = [
      [Number.NaN, 'any', 'lr: must be a finite number, got NaN'],
      [Number.POSITIVE_INFINITY, 'any', 'lr: must be a finite number, got Infinity'],
      ['0.1', 'any', 'lr: must be a finite number, got string'],
      [0, 'positive', 'lr: must be > 0, got 0'],
      [-1, 'nonNegative', 'lr: must be ≥ 0, got -1'],
    ];
    for (const [value, sign, message] of cases) {
      expect(() => requireFiniteNumber(value, 'lr', sign)).toThrow(InvalidArgumentError);
      expect(() => requireFiniteNumber(value, 'lr', sign)).toThrow(message);
    }
  });
});
