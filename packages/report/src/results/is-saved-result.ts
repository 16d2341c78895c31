import type { SavedResult } from './saved-result.js';

/**
 * Whether a parsed JSON value looks like a {@link SavedResult} (has a benchmark name, a date, a
 * duration, options and an environment); other JSON files in a results folder fail it.
 *
 * @example
 * ```ts
 * const value: unknown = JSON.parse(text);
 * if (isSavedResult(value)) console.log(value.benchmark);
 * ```
 */
export function isSavedResult(value: unknown): value is SavedResult {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.benchmark === 'string' &&
    typeof v.date === 'string' &&
    typeof v.durationMs === 'number' &&
    typeof v.options === 'object' &&
    v.options !== null &&
    typeof v.environment === 'object' &&
    v.environment !== null
  );
}
