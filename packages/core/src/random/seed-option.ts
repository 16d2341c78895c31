import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { Rng, SeedLike } from './rng.js';

// unchecked options: reads only `seed` of a builder's whole options object.
/**
 * The seed of a builder that takes `seed` in its options and, deprecated, as a trailing
 * positional argument (the API convention moved seeds into options): `options.seed`, else the
 * positional seed, else 0. Giving both with different values is refused, because one of them
 * would be silently ignored.
 *
 * @param options - The builder's options (only `seed` is read).
 * @param positional - The deprecated positional seed, if any.
 * @param where - The builder's name, for the message.
 * @returns The seed to use.
 * @throws {@link InvalidArgumentError} for two different seeds.
 *
 * @example
 * ```ts
 * export function createThing(options: { seed?: SeedLike } = {}, seed?: SeedLike) {
 *   const rng = toRng(seedOption(options, seed, 'createThing'));
 * }
 * ```
 */
export function seedOption(
  options: { seed?: SeedLike } | undefined,
  positional: SeedLike | undefined,
  where: string,
): SeedLike {
  const given = options?.seed;
  if (positional !== undefined && given !== undefined && positional !== given) {
    throw new InvalidArgumentError(
      'seed',
      `${where} was given options.seed and a different deprecated positional seed; keep options.seed`,
    );
  }
  return given ?? positional ?? 0;
}

/**
 * Whether a value is a seed (a number or an {@link Rng}) rather than an options object: lets a
 * builder accept its former positional seed where its options now go.
 *
 * @param value - Anything.
 */
export function isSeedLike(value: unknown): value is SeedLike {
  if (typeof value === 'number') return true;
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Rng>;
  return typeof r.fork === 'function' && typeof r.nextUint32 === 'function';
}
