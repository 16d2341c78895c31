import { escapeXml } from '../markup/escape-xml.js';
import type { ReportTable } from '../results/saved-result.js';
import { isNumericCell } from './is-numeric-cell.js';

/**
 * Renders a {@link ReportTable} as an HTML `<table>`: a header row, then one row per table row,
 * number cells ({@link isNumericCell}) right-aligned with class `num`, every cell HTML-escaped.
 * Missing cells render empty.
 *
 * @example
 * ```ts
 * htmlTable({ columns: ['run', 'ms'], rows: [['a', '1.5']] });
 * // '<table>\n<thead><tr><th>run</th><th>ms</th></tr></thead>\n<tbody>\n<tr><td>a</td><td class="num">1.5</td></tr>\n</tbody>\n</table>'
 * ```
 */
export function htmlTable(table: ReportTable): string {
  const head = table.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((_, i) => {
        const text = row[i] ?? '';
        return isNumericCell(text)
          ? `<td class="num">${escapeXml(text)}</td>`
          : `<td>${escapeXml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
