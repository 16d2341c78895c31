import { isSeedLike, requireKnownOptions, type SeedLike } from '@latentkit/core';

/**
 * The seed of a builder whose last argument is `{ seed }` or, deprecated, a bare seed (the
 * former positional form): the bare seed as given, else `options.seed`, default 0. The options
 * form may hold nothing but `seed`.
 *
 * @param argument - The builder's last argument.
 * @param where - The builder's name, for the unknown-option message.
 * @throws {@link UnknownOptionError} for an options object with another key.
 */
export function seedArgument(argument: { seed?: SeedLike } | SeedLike, where: string): SeedLike {
  if (isSeedLike(argument)) return argument;
  requireKnownOptions(argument, ['seed'], `${where} options`);
  return argument.seed ?? 0;
}
