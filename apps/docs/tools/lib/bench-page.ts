// The benchmark page's body, rendered from the bench's saved JSON with the renderers the bench's
// own report uses (@latentkit/report: one chart code path, no import of the bench app).

import {
  escapeXml,
  figureSvg,
  htmlTable,
  type ReportTable,
  type SavedResult,
  type SnapshotManifest,
  sortResults,
} from '@latentkit/report';
import { zlibDeflate } from '@latentkit/report/node';

export type { SavedResult };

/** Where the page's results were read from (shown on the page). */
export interface BenchPageSource {
  /** `snapshot` = the committed snapshot, `local` = a developer's own run, `env` = `$LATENTKIT_BENCH_RESULTS`. */
  kind: 'env' | 'local' | 'snapshot';
  /** The folder, relative to the repository root. */
  path: string;
  /** Its `snapshot.json`, if it has one. */
  manifest?: SnapshotManifest;
}

/** A figure file the page refers to. */
export interface BenchImage {
  /** File name, relative to the page body's image folder. */
  name: string;
  /** SVG text. */
  svg: string;
}

/** What {@link renderBenchBody} produces. */
export interface BenchBody {
  /** Markdown (with HTML blocks) included into `benchmarks.md`. */
  markdown: string;
  /** Chart files to write beside it. */
  images: BenchImage[];
}

/** Escapes text for the page: HTML-escaped, and `{{` so Vue does not read it as interpolation. */
export function escapeForPage(text: string): string {
  return escapeXml(text).replace(/\{\{/g, '&#123;&#123;').replace(/\}\}/g, '&#125;&#125;');
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'result'
  );
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

/**
 * The paragraph saying where the figures come from: the committed snapshot (its command,
 * commit, run and snapshot dates, mode and missing benchmarks), a developer's own run, or
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
  const where = code(source.path);
  const m = source.manifest;
  const lines: string[] = [];
  if (source.kind === 'snapshot') {
    lines.push(
      `These figures are the <strong>committed snapshot</strong> in ${where}: ` +
        `${results.length} benchmark${results.length === 1 ? '' : 's'}, ${mode}, run ${runDays(results)}` +
        (m
          ? ` with ${code(m.command)} at commit ${commitText(m.commit)} ` +
            `(snapshot taken ${escapeForPage(m.snapshotDate.slice(0, 10))})`
          : '') +
        '. Its README lists the machine of every result; `pnpm bench:snapshot` refreshes it.',
    );
    if (m && m.missing.length > 0) {
      lines.push(
        `Not in the snapshot: ${m.missing.map(code).join(', ')} (the run did not produce them).`,
      );
    }
  } else {
    const commits = m
      ? [m.commit]
      : [...new Set(results.flatMap((r) => (r.commit ? [r.commit] : [])))];
    lines.push(
      (source.kind === 'env'
        ? `These figures were read from ${code('$LATENTKIT_BENCH_RESULTS')} (${where})`
        : `These figures are <strong>your own run</strong>, read from ${where}`) +
        ` when the site was built: ${results.length} benchmark${results.length === 1 ? '' : 's'}, ` +
        `${mode}, run ${runDays(results)}` +
        (commits.length > 0
          ? `, commit${commits.length > 1 ? 's' : ''} ${commits.sort().map(commitText).join(', ')}`
          : '') +
        '. They are not the committed snapshot (`apps/bench/bench-snapshot`), which a build without ' +
        'results of its own shows.',
    );
  }
  return [
    '::: info Where these figures come from',
    ...lines.flatMap((l) => [l, '']),
    ':::',
    '',
  ].join('\n');
}

/** A table as HTML, with `{{` escaped so Vue does not read it as interpolation. */
function tableHtml(table: ReportTable): string {
  return htmlTable(table).replace(/\{\{/g, '&#123;&#123;');
}

/**
 * Renders saved benchmark results as the body of the benchmarks page: per benchmark its run
 * conditions, header, table, notes and figures (SVG files under `imageDir`, referenced relative
 * to the page). With no results it says so and how to make them.
 *
 * @param results - Every `bench-results/*.json` that is a result.
 * @param imageDir - URL of the image folder relative to the page, e.g. `./_generated/bench`.
 * @param source - Where the results were read from (shown on the page).
 */
export function renderBenchBody(
  results: readonly SavedResult[],
  imageDir: string,
  source: BenchPageSource | undefined,
): BenchBody {
  if (results.length === 0) {
    return {
      markdown: [
        '::: warning No benchmark results in this build',
        'The site was built without benchmark results: no `bench-results/*.json` of your own and',
        'no committed snapshot (`apps/bench/bench-snapshot`) was found. Run `pnpm bench` (or',
        '`pnpm bench all --full`) at the repository root, then rebuild the site; set',
        '`LATENTKIT_BENCH_RESULTS` to read them from another folder.',
        ':::',
        '',
      ].join('\n'),
      images: [],
    };
  }
  const sorted = sortResults(results);
  const images: BenchImage[] = [];
  const parts: string[] = [];
  const quick = sorted.filter((r) => r.options.quick).map((r) => r.benchmark);
  if (source) parts.push(sourceNote(sorted, source));
  if (quick.length > 0) {
    parts.push(
      '::: warning Quick mode',
      `${quick.map((q) => `\`${q}\``).join(', ')} ran in quick mode: fewer epochs and smaller ` +
        'training subsets, so the losses and images are not the reference figures. ' +
        '`pnpm bench -- --full` produces them.',
      ':::',
      '',
    );
  }
  for (const r of sorted) {
    const id = slug(r.benchmark);
    const env = r.environment;
    parts.push(`## ${r.benchmark} {#${id}}`, '');
    if (r.description) parts.push(escapeForPage(r.description), '');
    parts.push(
      '<div class="lk-bench">',
      '',
      `<p class="lk-bench__meta">${r.options.quick ? 'quick' : 'full'} mode · ${escapeForPage(r.date.slice(0, 10))} · ` +
        `${(r.durationMs / 1000).toFixed(1)} s · backend ${escapeForPage(r.options.backend)}` +
        (r.options.workers ? ` · ${r.options.workers} training thread(s)` : '') +
        ` · ${escapeForPage(env.cpuModel)}, ${env.logicalCores} logical cores, Node ${escapeForPage(env.node)}, ` +
        `load average ${env.loadAverage1m.toFixed(2)}</p>`,
      '',
    );
    if (r.header?.length) parts.push(`<pre>${escapeForPage(r.header.join('\n'))}</pre>`, '');
    if (r.table) parts.push(tableHtml(r.table), '');
    const notes = r.notes?.join('\n').trim();
    if (notes) parts.push(`<pre>${escapeForPage(notes)}</pre>`, '');
    for (const t of r.tables ?? []) {
      parts.push(`<h3>${escapeForPage(t.title)}</h3>`, '', tableHtml(t.table), '');
      if (t.caption) parts.push(`<p>${escapeForPage(t.caption)}</p>`, '');
    }
    (r.figures ?? []).forEach((figure, k) => {
      const name = `${id}-${k + 1}.svg`;
      images.push({ name, svg: figureSvg(figure, { deflate: zlibDeflate }) });
      const caption = figure.caption
        ? `<figcaption>${escapeForPage(figure.caption)}</figcaption>`
        : '';
      parts.push(
        `<figure><img src="${imageDir}/${name}" alt="${escapeForPage(figure.title)}" loading="lazy">${caption}</figure>`,
        '',
      );
    });
    parts.push('</div>', '');
  }
  return { markdown: parts.join('\n'), images };
}
