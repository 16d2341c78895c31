import { InvalidArgumentError, UnknownOptionError } from '@latentkit/tensor';

/**
 * Throws {@link UnknownOptionError} if `options` has a key outside `allowed` (catches typos such as
 * `batchsize`), or {@link InvalidArgumentError} if `options` is not a plain object.
 *
 * @internal
 */
export function checkOptions(
  options: object | undefined,
  allowed: readonly string[],
  where: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where} options`, 'must be an object');
  }
  for (const [key, value] of Object.entries(options)) {
    if (!allowed.includes(key)) {
      throw new UnknownOptionError(`${where}: ${key}`, value, allowed);
    }
  }
}

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
