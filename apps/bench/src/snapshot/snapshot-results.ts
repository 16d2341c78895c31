import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { type SavedResult, type SnapshotManifest, sortResults } from '@latentkit/report';
import { loadSavedResults } from '@latentkit/report/node';
import { gitCommit } from '../git-commit.js';
import { snapshotReadme } from './snapshot-readme.js';

/** The manifest's file name in a snapshot folder. */
export const SNAPSHOT_MANIFEST = 'snapshot.json';

/** Options of {@link snapshotResults}. */
export interface SnapshotResultsOptions {
  /** Folder of a run's results, e.g. `bench-results`. */
  from: string;
  /** The snapshot folder, e.g. `bench-snapshot` (created). */
  to: string;
  /** Let quick-mode results in. Default `false`: they are refused. */
  force?: boolean;
  /** Commit the results were measured at. Default: {@link snapshotCommit}. */
  commit?: string;
  /** The command that produced them. Default `pnpm bench all --full`. */
  command?: string;
  /** Every benchmark the bench knows (those absent from `from` are listed as missing). */
  known?: readonly string[];
  /** The snapshot date. Default: now. */
  now?: Date;
}

/** What {@link snapshotResults} wrote. */
export interface SnapshotSummary {
  /** The manifest written to `<to>/snapshot.json`. */
  manifest: SnapshotManifest;
  /** The results copied, in report order. */
  results: SavedResult[];
  /** Bytes of the copied result files. */
  bytes: number;
}

/**
 * The commit of a snapshot's results: `option` when given, else the one the result files record
 * (they must agree), else the commit checked out where they are ({@link gitCommit}; files from
 * before results recorded it), else `unknown`.
 *
 * @throws {Error} when the files record different commits and no `option` is given.
 */
export function snapshotCommit(
  results: readonly SavedResult[],
  option: string | undefined,
  from: string,
): string {
  if (option) return option;
  const recorded = [...new Set(results.flatMap((r) => (r.commit ? [r.commit] : [])))];
  if (recorded.length > 1) {
    throw new Error(
      `the results come from different commits (${recorded.sort().join(', ')}): snapshot one run, or pass --commit`,
    );
  }
  return recorded[0] ?? gitCommit(from) ?? 'unknown';
}

/**
 * Copies the result files of a run (`<from>/<benchmark>.json`, byte for byte) into the snapshot
 * folder `to`, replacing the result files there, and writes `snapshot.json` (a
 * `SnapshotManifest` of `@latentkit/report`) and `README.md` (the provenance table). Nothing else
 * in `to` is touched; generated files and `report.html` are not copied.
 *
 * @throws {Error} when `from` holds no results, a `*.json` there does not parse, a result is in
 *   quick mode and `force` is not set (nothing is written then), or a result's file is not named
 *   after its benchmark.
 */
export function snapshotResults(options: SnapshotResultsOptions): SnapshotSummary {
  const from = resolve(options.from);
  const to = resolve(options.to);
  const broken: string[] = [];
  const results = sortResults(
    loadSavedResults(from, { onSkip: (file, error) => broken.push(`${file} (${error.message})`) }),
  );
  if (broken.length > 0) throw new Error(`cannot parse ${broken.join(', ')} in ${from}`);
  if (results.length === 0) {
    throw new Error(`no benchmark results in ${from}: run \`pnpm bench all --full\` first`);
  }
  const quick = results.filter((r) => r.options.quick).map((r) => r.benchmark);
  if (quick.length > 0 && !options.force) {
    throw new Error(
      `quick-mode results (${quick.join(', ')}) are not the reference figures: run them with ` +
        '--full, or pass --force to snapshot them anyway',
    );
  }
  for (const r of results) {
    if (!existsSync(join(from, `${r.benchmark}.json`))) {
      throw new Error(`the result of '${r.benchmark}' is not in ${r.benchmark}.json`);
    }
  }
  const commit = snapshotCommit(results, options.commit, from);
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(to)) {
    if (name.endsWith('.json')) rmSync(join(to, name));
  }
  let bytes = 0;
  for (const r of results) {
    const file = `${r.benchmark}.json`;
    copyFileSync(join(from, file), join(to, file));
    bytes += statSync(join(to, file)).size;
  }
  const names = results.map((r) => r.benchmark);
  const manifest: SnapshotManifest = {
    command: options.command ?? 'pnpm bench all --full',
    commit,
    snapshotDate: (options.now ?? new Date()).toISOString(),
    benchmarks: [...names].sort(),
    missing: (options.known ?? []).filter((k) => !names.includes(k)),
    forced: quick.length > 0,
  };
  writeFileSync(join(to, SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(to, 'README.md'), snapshotReadme(manifest, results));
  return { manifest, results, bytes };
}
