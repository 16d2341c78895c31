import type { BenchTable } from '../benchmark.js';
import { isNumericCell } from '../report.js';
import { escapeXml } from './escape-xml.js';

/**
 * Renders a {@link BenchTable} as an HTML `<table>`: a header row, then one row per table row,
 * number cells right-aligned (class `num`), every cell HTML-escaped. Missing cells render empty.
 */
export function htmlTable(table: BenchTable): string {
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
