import { InvalidArgumentError } from '@latentkit/core';

/**
 * Swaps a name map's keys and values (e.g. to export latentkit parameters under torch names).
 *
 * @param map - Source name → target name.
 * @returns Target name → source name.
 * @throws {@link InvalidArgumentError} if two sources map to the same target.
 *
 * @example
 * ```ts
 * import { invertNameMap } from '@latentkit/models';
 *
 * invertNameMap({ 'fc1.weight': 'encoder.fc1.weight' }); // → { 'encoder.fc1.weight': 'fc1.weight' }
 * ```
 */
export function invertNameMap(map: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(map)) {
    if (Object.hasOwn(out, to)) {
      throw new InvalidArgumentError('nameMap', `'${out[to]}' and '${from}' both map to '${to}'`);
    }
    Object.defineProperty(out, to, {
      value: from,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
