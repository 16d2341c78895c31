import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';

// Internal argument checks shared by the package (not exported from the package entry).

/** Checks that `value` is an integer in `[min, max]` and returns it. */
export function checkInt(value: unknown, name: string, min = 1, max = 2 ** 31 - 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      name,
      `must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

/** Checks that `value` is a finite number (optionally > 0 or ≥ 0) and returns it. */
export function checkNumber(
  value: unknown,
  name: string,
  sign: 'any' | 'positive' | 'nonNegative' = 'any',
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (sign === 'any' || (sign === 'positive' ? value > 0 : value >= 0));
  if (!ok) {
    const what = sign === 'any' ? 'a finite number' : sign === 'positive' ? '> 0' : '≥ 0';
    throw new InvalidArgumentError(name, `must be ${what}, got ${String(value)}`);
  }
  return value as number;
}

/** Checks that `value` is one of `allowed` and returns it. */
export function checkChoice<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) throw new UnknownOptionError(name, value, allowed);
  return value as T;
}

/** Product of a shape's sizes. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
