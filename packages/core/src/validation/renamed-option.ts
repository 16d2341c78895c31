import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * Reads an option that was renamed, accepting its deprecated old name: the value under `name`,
 * else the one under `oldName`. Giving both with different values is an error (one of them would
 * be silently ignored). The old name must also be listed in the keys given to
 * `requireKnownOptions`.
 *
 * @param options - The caller's options object.
 * @param name - The current key (e.g. `'learningRate'`).
 * @param oldName - The deprecated key (e.g. `'lr'`).
 * @param where - Where the options belong, for the message (e.g. `'train options'`).
 * @returns The value, or `undefined` when neither key is set.
 * @throws {@link InvalidArgumentError} if both keys are set to different values.
 *
 * @example
 * ```ts
 * const lr = renamedOption(options, 'learningRate', 'lr', 'train options') ?? 1e-3;
 * ```
 */
export function renamedOption<T>(
  options: object,
  name: string,
  oldName: string,
  where = 'options',
): T | undefined {
  const o = options as Record<string, unknown>;
  const now = o[name];
  const before = o[oldName];
  if (now !== undefined && before !== undefined && !Object.is(now, before)) {
    throw new InvalidArgumentError(
      name,
      `${where} give both ${name} (${String(now)}) and its deprecated old name ${oldName} (${String(before)}); keep ${name}`,
    );
  }
  return (now ?? before) as T | undefined;
}
