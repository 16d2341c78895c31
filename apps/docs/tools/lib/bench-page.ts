// The benchmark page's body, rendered from the bench's saved JSON with the renderers the bench's
// own report uses (@latentkit/report: one chart code path, no import of the bench app).

import {
  figureSvg,
  htmlTable,
  type ReportTable,
  type SavedResult,
  sortResults,
} from '@latentkit/report';
import { zlibDeflate } from '@latentkit/report/node';
import { type BenchPageSource, sourceNote } from './bench-source-note.js';
import { escapeForPage } from './escape-for-page.js';

export type { BenchPageSource, SavedResult };

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

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'result'
  );
}

/** A table as HTML, with `{{` escaped so Vue does not read it as interpolation. */
function tableHtml(table: ReportTable): string {
  return htmlTable(table).replace(/\{\{/g, '&#123;&#123;');
}

/**
 * Renders saved benchmark results as the body of the benchmarks page: a box saying where they
 * come from ({@link sourceNote}), a warning naming any quick-mode result, then per benchmark its
 * run conditions, header, table, notes, extra titled tables and figures (SVG files under
 * `imageDir`, referenced relative to the page). With no results it says so and how to make them.
 *
 * @param results - Every result of the folder read.
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
