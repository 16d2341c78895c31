import type { SavedResult, SnapshotManifest } from '@latentkit/report';
import { escapeForPage } from './escape-for-page.js';

/** Where the page's results were read from (shown on the page). */
export interface BenchPageSource {
  /** `snapshot` = the committed snapshot, `local` = a developer's own run, `env` = `$LATENTKIT_BENCH_RESULTS`. */
  kind: 'env' | 'local' | 'snapshot';
  /** The folder, relative to the repository root. */
  path: string;
  /** Its `snapshot.json`, if it has one. */
  manifest?: SnapshotManifest;
}

const code = (text: string): string => `<code>${escapeForPage(text)}</code>`;

/** A commit as `<code>` of its first 12 hex digits, saying so when it had uncommitted changes. */
export function commitText(commit: string): string {
  const dirty = commit.endsWith('-dirty');
  const hash = dirty ? commit.slice(0, -'-dirty'.length) : commit;
  return `${code(hash.slice(0, 12))}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** `2026-12-07` or `2026-12-07 – 2026-12-08`: the days the results were written. */
function runDays(results: readonly SavedResult[]): string {
  const days = results.map((r) => r.date.slice(0, 10)).sort();
  const first = days[0] ?? '';
  const last = days[days.length - 1] ?? '';
  return escapeForPage(first === last ? first : `${first} – ${last}`);
}

/** `pnpm bench all --full` at commit `fd40034d0bbe` (and which benchmarks, when there are several runs). */
function provenance(manifest: SnapshotManifest): string {
  const runs = new Map<string, { command: string; commit: string; benchmarks: string[] }>();
  for (const e of manifest.entries) {
    const key = `${e.command}\n${e.commit}`;
    const run = runs.get(key) ?? { command: e.command, commit: e.commit, benchmarks: [] };
    run.benchmarks.push(e.benchmark);
    runs.set(key, run);
  }
  const text = (r: { command: string; commit: string }) =>
    `${code(r.command)} at commit ${commitText(r.commit)}`;
  const list = [...runs.values()];
  if (list.length === 1) return ` with ${text(list[0]!)}`;
  return ` in ${list.length} runs: ${list.map((r) => `${text(r)} (${r.benchmarks.map(code).join(', ')})`).join('; ')}`;
}

/**
 * The box saying where the figures come from: the committed snapshot (its commands, commits,
 * run and refresh dates, mode and missing benchmarks), a developer's own run, or
 * `$LATENTKIT_BENCH_RESULTS`.
 */
export function sourceNote(results: readonly SavedResult[], source: BenchPageSource): string {
  const quick = results.filter((r) => r.options.quick).length;
  const mode =
    quick === 0
      ? 'full mode'
      : quick === results.length
        ? 'quick mode'
        : `${quick} of ${results.length} in quick mode`;
  const count = `${results.length} benchmark${results.length === 1 ? '' : 's'}`;
  const where = code(source.path);
  const m = source.manifest;
  const lines: string[] = [];
  if (source.kind === 'snapshot') {
    lines.push(
      `These figures are the <strong>committed snapshot</strong> in ${where}: ${count}, ${mode}, ` +
        `run ${runDays(results)}` +
        (m
          ? `${provenance(m)} (snapshot refreshed ${escapeForPage(m.snapshotDate.slice(0, 10))})`
          : '') +
        '. Its README lists the machine of every result; `pnpm bench:snapshot` refreshes it.',
    );
    if (m && m.missing.length > 0) {
      lines.push(
        `Not in the snapshot: ${m.missing.map(code).join(', ')} (no run copied into it produced them).`,
      );
    }
  } else {
    const commits = [
      ...new Set(
        m ? m.entries.map((e) => e.commit) : results.flatMap((r) => (r.commit ? [r.commit] : [])),
      ),
    ].sort();
    lines.push(
      (source.kind === 'env'
        ? `These figures were read from ${code('$LATENTKIT_BENCH_RESULTS')} (${where})`
        : `These figures are <strong>your own run</strong>, read from ${where}`) +
        ` when the site was built: ${count}, ${mode}, run ${runDays(results)}` +
        (commits.length > 0
          ? `, commit${commits.length > 1 ? 's' : ''} ${commits.map(commitText).join(', ')}`
          : '') +
        '. They are not the committed snapshot (`apps/bench/bench-snapshot`), which a build ' +
        'without results of its own shows.',
    );
  }
  return [
    '::: info Where these figures come from',
    ...lines.flatMap((l) => [l, '']),
    ':::',
    '',
  ].join('\n');
}
