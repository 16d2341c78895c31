import { requireKnownOptions } from '@latentkit/core';
import { figureSvg } from '../charts/figure-svg.js';
import type { Figure } from '../figures/figure.js';
import type { EncodePngOptions } from '../images/encode-grey-png.js';
import { escapeXml } from '../markup/escape-xml.js';
import { htmlTable } from '../tables/html-table.js';
import type { NamedTable, SavedResult } from './saved-result.js';
import { sortResults } from './sort-results.js';

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
.meta { color: #666; font-size: 0.9em; }
.quick { background: #fff4d6; border: 1px solid #e0b84c; padding: 0.6em 1em; border-radius: 4px; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
figure { margin: 1.2em 0; }
figcaption { color: #555; font-size: 0.9em; max-width: 760px; }
h3 { margin-top: 1.4em; font-size: 1.05em; }
p.caption { color: #555; font-size: 0.9em; max-width: 760px; }
details ul { columns: 3; font-size: 0.85em; }
`;

function figureHtml(figure: Figure, options: EncodePngOptions): string {
  const caption = figure.caption ? `<figcaption>${escapeXml(figure.caption)}</figcaption>` : '';
  return `<figure>\n${figureSvg(figure, options)}\n${caption}</figure>`;
}

function namedTableHtml(t: NamedTable): string {
  const caption = t.caption ? `\n<p class="caption">${escapeXml(t.caption)}</p>` : '';
  return `<h3>${escapeXml(t.title)}</h3>\n${htmlTable(t.table)}${caption}`;
}

/** A collapsible list of links to the generated files (paths relative to the report). */
function filesHtml(files: readonly string[]): string {
  const items = files
    .map((f) => `<li><a href="${escapeXml(encodeURI(f))}">${escapeXml(f)}</a></li>`)
    .join('\n');
  return (
    `<details>\n<summary>Generated files (${files.length}), next to this page</summary>\n` +
    `<ul>\n${items}\n</ul>\n</details>`
  );
}

function sectionHtml(r: SavedResult, options: EncodePngOptions): string {
  const env = r.environment;
  const mode = r.options.quick ? 'quick' : 'full';
  const parts = [
    `<h2 id="${escapeXml(r.benchmark)}">${escapeXml(r.benchmark)}</h2>`,
    r.description ? `<p>${escapeXml(r.description)}</p>` : '',
    `<p class="meta">${mode} mode · ${escapeXml(r.date)} · ${(r.durationMs / 1000).toFixed(1)} s · ` +
      `backend ${escapeXml(r.options.backend)}` +
      (r.options.workers ? ` · ${r.options.workers} training thread(s)` : '') +
      ` · ${escapeXml(env.cpuModel)}, ${env.logicalCores} logical cores, Node ${escapeXml(env.node)}, ` +
      `load average ${env.loadAverage1m.toFixed(2)}</p>`,
  ];
  if (r.header?.length) parts.push(`<pre>${escapeXml(r.header.join('\n'))}</pre>`);
  if (r.table) parts.push(htmlTable(r.table));
  else parts.push('<p><em>No table in this results file (written by an older version).</em></p>');
  const notes = r.notes?.join('\n').trim();
  if (notes) parts.push(`<pre>${escapeXml(notes)}</pre>`);
  for (const t of r.tables ?? []) parts.push(namedTableHtml(t));
  if (r.files?.length) parts.push(filesHtml(r.files));
  for (const f of r.figures ?? []) parts.push(figureHtml(f, options));
  return parts.filter((p) => p.length > 0).join('\n');
}

/**
 * Renders the whole report as one self-contained HTML page: a table of contents, a banner when
 * any result comes from quick mode, then one section per benchmark (in {@link SECTION_ORDER}) with
 * its run conditions, printed header, table, notes, extra titled tables, links to its generated
 * files, and figures as inline SVG (image grids as embedded PNGs). Pure: the same results give
 * the same page.
 *
 * @param results - Saved results, e.g. every `bench-results/*.json`.
 * @param generated - The date printed in the page's header.
 * @param options - How image grids' PNGs are compressed (default: stored, see
 *   {@link encodeGreyPng}; `writeReport` of `@latentkit/report/node` uses zlib).
 *
 * @example
 * ```ts
 * const html = renderReport(results, new Date());
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function renderReport(
  results: readonly SavedResult[],
  generated: Date,
  options: EncodePngOptions = {},
): string {
  requireKnownOptions(options, ['deflate'], 'renderReport options');
  const sorted = sortResults(results);
  const quick = sorted.filter((r) => r.options.quick).map((r) => r.benchmark);
  const toc = sorted
    .map(
      (r) =>
        `<li><a href="#${escapeXml(r.benchmark)}">${escapeXml(r.benchmark)}</a> ` +
        `(${r.options.quick ? 'quick' : 'full'}, ${escapeXml(r.date.slice(0, 10))})</li>`,
    )
    .join('\n');
  const banner =
    quick.length > 0
      ? `<p class="quick"><strong>Quick mode</strong> for ${quick.map(escapeXml).join(', ')}: ` +
        'fewer epochs and training subsets, so losses and images are not the reference figures. ' +
        'Run <code>pnpm bench --full</code> (or <code>pnpm bench &lt;name&gt; --full</code>) for them.</p>'
      : '';
  const body =
    sorted.length > 0
      ? sorted.map((r) => sectionHtml(r, options)).join('\n')
      : '<p>No results yet: run <code>pnpm bench</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>latentkit benchmark report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>latentkit benchmark report</h1>
<p class="meta">Generated ${escapeXml(generated.toISOString())} from the JSON files next to this page
(<code>latentkit-bench report</code> re-renders it without re-running anything).</p>
${banner}
<ul>
${toc}
</ul>
${body}
</body>
</html>
`;
}
