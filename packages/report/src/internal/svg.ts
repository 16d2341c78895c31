// Small SVG helpers the charts share (not part of the public API).
import { escapeXml } from '../markup/escape-xml.js';

/** Rounds an SVG coordinate to 0.1 px (keeps files small; far below screen resolution). */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Opening tag of a standalone inline SVG of the given size. */
export function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ` +
    'font-family="sans-serif" font-size="12">'
  );
}

/** A legend: one coloured swatch and label per entry, stacked from (x, y). */
export function legend(
  entries: readonly { label: string; color: string; dashed?: boolean }[],
  x: number,
  y: number,
): string {
  return entries
    .map((e, i) => {
      const yy = y + i * 18;
      const dash = e.dashed ? ' stroke-dasharray="5 3"' : '';
      return (
        `<line x1="${x}" y1="${yy}" x2="${x + 20}" y2="${yy}" stroke="${e.color}" stroke-width="2.5"${dash}/>` +
        `<text x="${x + 26}" y="${yy}" dominant-baseline="middle">${escapeXml(e.label)}</text>`
      );
    })
    .join('');
}
