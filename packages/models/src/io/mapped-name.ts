import { InvalidArgumentError, quoteForMessage } from '@latentkit/core';

/**
 * The target of `name` in a user-supplied name map: its own entry, or `undefined` when the map
 * has none (or an `undefined` one). Any other non-string entry is refused, so a bad map cannot
 * save or load a tensor under a key like `'5'` or `'undefined'`.
 *
 * @throws {@link InvalidArgumentError} for an entry that is not a string.
 * @internal
 */
export function mappedName(
  nameMap: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  if (nameMap === undefined || !Object.hasOwn(nameMap, name)) return undefined;
  const target: unknown = nameMap[name];
  if (target === undefined || typeof target === 'string') return target;
  throw new InvalidArgumentError(
    'nameMap',
    `the entry for ${quoteForMessage(name)} must be a string, got ${quoteForMessage(target)}`,
  );
}
