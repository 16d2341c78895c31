import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import {
  isSnapshotManifest,
  type SavedResult,
  type SnapshotEntry,
  type SnapshotManifest,
  sortResults,
} from '@latentkit/report';
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
  /**
   * Keep the snapshot's results of benchmarks that `from` lacks (with their provenance), replacing
   * only those it has. Default `false`: the snapshot becomes exactly `from`'s results.
   */
  merge?: boolean;
  /** Let quick-mode results in. Default `false`: they are refused. */
  force?: boolean;
  /** Commit the new results were measured at. Default: {@link snapshotCommit}. */
  commit?: string;
  /** The command that produced the new results. Default `pnpm bench all --full`. */
  command?: string;
  /** Every benchmark the bench knows (those absent from the snapshot are listed as missing). */
  known?: readonly string[];
  /** The snapshot date. Default: now. */
  now?: Date;
}

/** What {@link snapshotResults} wrote. */
export interface SnapshotSummary {
  /** The manifest written to `<to>/snapshot.json`. */
  manifest: SnapshotManifest;
  /** The results copied from `from`, in report order. */
  copied: SavedResult[];
  /** Every result of the snapshot now (copied and kept), in report order. */
  results: SavedResult[];
  /** Bytes of the snapshot's result files. */
  bytes: number;
}

/**
 * The commit of new results: `option` when given, else the one the result files record (they
 * must agree), else the commit checked out where they are ({@link gitCommit}; files from before
 * results recorded it), else `unknown`.
 *
 * @throws {Error} when the files record different commits and no `option` is given.
 */
export function snapshotCommit(
  results: readonly SavedResult[],
  option: string | undefined,
  from: string,
): string {
  if (option) return option;
  const recorded = [...new Set(results.flatMap((r) => (r.commit ? [r.commit] : [])))].sort();
  if (recorded.length > 1) {
    throw new Error(
      `the results come from different commits (${recorded.join(', ')}): snapshot one run, or pass --commit`,
    );
  }
  return recorded[0] ?? gitCommit(from) ?? 'unknown';
}

/** The results in `dir`, refusing a `*.json` that does not parse. */
function loadStrict(dir: string): SavedResult[] {
  const broken: string[] = [];
  const results = loadSavedResults(dir, {
    onSkip: (file, error) => broken.push(`${file} (${error.message})`),
  });
  if (broken.length > 0) throw new Error(`cannot parse ${broken.join(', ')} in ${dir}`);
  return results;
}

/** The entries of the snapshot in `to` that merging keeps (those `from` does not replace). */
function keptEntries(to: string, replaced: ReadonlySet<string>): SnapshotEntry[] {
  const file = join(to, SNAPSHOT_MANIFEST);
  if (!existsSync(file))
    throw new Error(`--merge: ${to} has no ${SNAPSHOT_MANIFEST} to merge into`);
  const old: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isSnapshotManifest(old)) throw new Error(`--merge: ${file} is not a snapshot manifest`);
  const kept = old.entries.filter((e) => !replaced.has(e.benchmark));
  const lost = kept.filter((e) => !existsSync(join(to, `${e.benchmark}.json`)));
  if (lost.length > 0) {
    throw new Error(
      `--merge: ${lost.map((e) => `${e.benchmark}.json`).join(', ')} missing in ${to}`,
    );
  }
  return kept;
}

/**
 * Copies the result files of a run (`<from>/<benchmark>.json`, byte for byte) into the snapshot
 * folder `to` and writes `snapshot.json` (a `SnapshotManifest` of `@latentkit/report`: per result
 * its commit, command and date added) and `README.md` (the provenance table). Without `merge`
 * the snapshot's result files are replaced by `from`'s; with it, only those `from` has. Nothing
 * else in `to` is touched; generated files and `report.html` are not copied.
 *
 * @throws {Error} (before writing anything) when `from` holds no results, a `*.json` there does
 *   not parse, a result is in quick mode and `force` is not set, a result's file is not named
 *   after its benchmark, the new results record different commits, or `merge` finds no manifest.
 */
export function snapshotResults(options: SnapshotResultsOptions): SnapshotSummary {
  const from = resolve(options.from);
  const to = resolve(options.to);
  const copied = sortResults(loadStrict(from));
  if (copied.length === 0) {
    throw new Error(`no benchmark results in ${from}: run \`pnpm bench all --full\` first`);
  }
  const quick = copied.filter((r) => r.options.quick).map((r) => r.benchmark);
  if (quick.length > 0 && !options.force) {
    throw new Error(
      `quick-mode results (${quick.join(', ')}) are not the reference figures: run them with ` +
        '--full, or pass --force to snapshot them anyway',
    );
  }
  for (const r of copied) {
    if (!existsSync(join(from, `${r.benchmark}.json`))) {
      throw new Error(`the result of '${r.benchmark}' is not in ${r.benchmark}.json`);
    }
  }
  const names = new Set(copied.map((r) => r.benchmark));
  const kept = options.merge ? keptEntries(to, names) : [];
  const now = (options.now ?? new Date()).toISOString();
  const commit = snapshotCommit(copied, options.commit, from);
  const added: SnapshotEntry[] = copied.map((r) => ({
    benchmark: r.benchmark,
    commit,
    command: options.command ?? 'pnpm bench all --full',
    added: now,
  }));
  mkdirSync(to, { recursive: true });
  const keep = new Set(kept.map((e) => `${e.benchmark}.json`));
  for (const name of readdirSync(to)) {
    if (name.endsWith('.json') && !keep.has(name)) rmSync(join(to, name));
  }
  for (const r of copied)
    copyFileSync(join(from, `${r.benchmark}.json`), join(to, `${r.benchmark}.json`));
  const results = sortResults(loadStrict(to));
  const entries = [...kept, ...added].sort((a, b) => a.benchmark.localeCompare(b.benchmark));
  const all = new Set(entries.map((e) => e.benchmark));
  const manifest: SnapshotManifest = {
    snapshotDate: now,
    entries,
    missing: (options.known ?? []).filter((k) => !all.has(k)),
    forced: results.some((r) => r.options.quick),
  };
  writeFileSync(join(to, SNAPSHOT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(to, 'README.md'), snapshotReadme(manifest, results));
  const bytes = entries.reduce((n, e) => n + statSync(join(to, `${e.benchmark}.json`)).size, 0);
  return { manifest, copied, results, bytes };
}
