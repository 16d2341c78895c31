import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSnapshotManifest, type SnapshotManifest } from '@latentkit/report';
import { loadSavedResults } from '@latentkit/report/node';
import type { SavedResult } from './bench-page.js';
import type { BenchSource } from './paths.js';

/** What {@link loadBenchResults} found. */
export interface LoadedBenchResults {
  /** The results of the first source that has any (empty if none has). */
  results: SavedResult[];
  /** That source (undefined if none has results). */
  source: BenchSource | undefined;
  /** Its `snapshot.json`, when it is a snapshot folder. */
  manifest: SnapshotManifest | undefined;
}

/**
 * Reads `<dir>/snapshot.json` (a `SnapshotManifest` of `@latentkit/report`), if there is one.
 *
 * @throws {Error} for a file that does not parse or is not a manifest.
 */
export function readSnapshotManifest(dir: string): SnapshotManifest | undefined {
  const file = join(dir, 'snapshot.json');
  if (!existsSync(file)) return undefined;
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isSnapshotManifest(value)) throw new Error(`${file} is not a snapshot manifest`);
  return value;
}

/**
 * The saved results of the first source in `sources` that has any (@latentkit/report's reader:
 * other JSON files are ignored, unparsable ones reported and skipped), with its snapshot
 * manifest if it has one.
 *
 * @throws {Error} when a manifest is malformed or does not list exactly the folder's results
 *   (a hand-edited snapshot: refresh it with `pnpm bench:snapshot`).
 */
export function loadBenchResults(sources: readonly BenchSource[]): LoadedBenchResults {
  for (const source of sources) {
    if (!existsSync(source.dir)) continue;
    const results = loadSavedResults(source.dir);
    if (results.length === 0) continue;
    const manifest = readSnapshotManifest(source.dir);
    if (manifest) {
      const listed = manifest.entries
        .map((e) => e.benchmark)
        .sort()
        .join(', ');
      const found = results
        .map((r) => r.benchmark)
        .sort()
        .join(', ');
      if (listed !== found) {
        throw new Error(
          `${source.dir}/snapshot.json lists ${listed} but the folder holds ${found}: ` +
            'refresh it with `pnpm bench:snapshot`',
        );
      }
    }
    return { results, source, manifest };
  }
  return { results: [], source: undefined, manifest: undefined };
}
