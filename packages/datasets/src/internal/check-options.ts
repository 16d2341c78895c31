import { InvalidArgumentError } from '@latentkit/core';

/**
 * Checks that `value` is an integer in `[min, max]`.
 *
 * @internal
 */
export function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      name,
      `must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Checks that `value` is a fraction strictly between 0 and 1.
 *
 * @internal
 */
export function checkFraction(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InvalidArgumentError(
      name,
      `must be a number strictly between 0 and 1, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Checks a seed given as a number (an `Rng` object is accepted as is).
 *
 * @internal
 */
export function checkSeedPresent(seed: unknown, name: string): void {
  if (seed === undefined) {
    throw new InvalidArgumentError(name, 'a seed is required (every random choice is seeded)');
  }
}
