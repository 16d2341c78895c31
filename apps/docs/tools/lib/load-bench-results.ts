import { existsSync } from 'node:fs';
import { loadSavedResults } from '@latentkit/report/node';
import type { SavedResult } from './bench-page.js';

/**
 * The saved results of the first folder in `dirs` that has any (@latentkit/report's reader:
 * other JSON files are ignored, unparsable ones reported and skipped).
 */
export function loadBenchResults(dirs: readonly string[]): {
  results: SavedResult[];
  dir: string | undefined;
} {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const results = loadSavedResults(dir);
    if (results.length > 0) return { results, dir };
  }
  return { results: [], dir: undefined };
}
