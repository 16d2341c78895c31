import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { describeValue } from './describe-value.js';

/**
 * Checks that a value is a finite number (and optionally positive or non-negative).
 *
 * @param x - The value to check.
 * @param name - The argument's name, used in the error message.
 * @param sign - `'positive'` (> 0), `'nonNegative'` (≥ 0) or `'any'` (default).
 * @throws {@link InvalidArgumentError} otherwise.
 */
export function requireFiniteNumber(
  x: unknown,
  name: string,
  sign: 'any' | 'positive' | 'nonNegative' = 'any',
): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new InvalidArgumentError(name, `must be a finite number, got ${describeValue(x)}`);
  }
  if (sign === 'positive' && !(x > 0)) {
    throw new InvalidArgumentError(name, `must be > 0, got ${x}`);
  }
  if (sign === 'nonNegative' && !(x >= 0)) {
    throw new InvalidArgumentError(name, `must be ≥ 0, got ${x}`);
  }
}
