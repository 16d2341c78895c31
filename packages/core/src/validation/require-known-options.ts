import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { UnknownOptionError } from '../errors/unknown-option-error.js';
import { describeValue } from './describe-value.js';

/**
 * Checks that an options object has no keys other than `allowed` — the one option checker every
 * latentkit package uses. It catches typos such as `{ batchsize: 64 }`, which TypeScript does not
 * flag for objects built elsewhere. `undefined` passes (no options given), and so does a key whose
 * value is `undefined` (what spreading an optional field produces).
 *
 * @param options - The options argument as received.
 * @param allowed - The option names the function accepts.
 * @param where - What the options belong to, for messages, e.g. `'loadMnist options'`.
 *   Default `'options'`.
 * @throws {@link InvalidArgumentError} if `options` is not a plain object (null, an array, a
 *   number, …).
 * @throws {@link UnknownOptionError} for the first unknown key, naming it, `where` and the
 *   allowed keys.
 */
export function requireKnownOptions(
  options: unknown,
  allowed: readonly string[],
  where = 'options',
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(where, `must be an object, got ${describeValue(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !allowed.includes(key)) {
      throw UnknownOptionError.forKey(where, key, allowed);
    }
  }
}
