import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import { isSavedResult } from '../results/is-saved-result.js';
import type { SavedResult } from '../results/saved-result.js';

/** Options of {@link loadSavedResults}. */
export interface LoadSavedResultsOptions {
  /**
   * Called for a `*.json` file that cannot be read or parsed (it is skipped). Default: a line on
   * stderr (`report: skipping <name>: <message>`).
   */
  onSkip?: (file: string, error: Error) => void;
}

/**
 * Reads every `*.json` in `dir` (in name order) that is a benchmark result ({@link isSavedResult});
 * other JSON files are ignored, a file that does not parse is reported through `onSkip` and
 * skipped. A missing folder gives no results.
 *
 * @example
 * ```ts
 * const results = loadSavedResults('bench-results');
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function loadSavedResults(
  dir: string,
  options: LoadSavedResultsOptions = {},
): SavedResult[] {
  requireKnownOptions(options, ['onSkip'], 'loadSavedResults options');
  const onSkip =
    options.onSkip ??
    ((file: string, error: Error) => console.error(`report: skipping ${file}: ${error.message}`));
  const out: SavedResult[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    try {
      const value: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (isSavedResult(value)) out.push(value);
    } catch (error) {
      onSkip(name, error as Error);
    }
  }
  return out;
}
