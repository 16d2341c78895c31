import { PALETTE } from '@latentkit/report';
import { h } from '../common/dom.js';

/** Bar colour of the usage histogram (blue of the digit palette, contrast ≥ 3:1 on white). */
export const BAR_COLOR = PALETTE[0]!;
/** Colour of the codes of the selected digit (vermilion: tells apart from blue for every CVD). */
export const HIGHLIGHT_COLOR = PALETTE[1]!;

/**
 * Draws the usage histogram of K codes on a canvas: one bar per code (in code order), height ∝
 * its share of all codes on a square-root scale (so rare codes stay visible), bars of
 * `highlight` codes in {@link HIGHLIGHT_COLOR} and taller-than-axis ticks for them.
 *
 * @param canvas - The canvas (drawn at its own pixel size).
 * @param counts - How often each code occurs.
 * @param highlight - Codes to mark (e.g. those of the selected digit).
 */
export function drawUsageHistogram(
  canvas: HTMLCanvasElement,
  counts: ArrayLike<number>,
  highlight: ReadonlySet<number>,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const k = counts.length;
  let total = 0;
  let max = 0;
  for (let c = 0; c < k; c++) {
    total += counts[c]!;
    max = Math.max(max, counts[c]!);
  }
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const left = 36;
  const bottom = height - 18;
  const top = 8;
  const barWidth = (width - left - 4) / k;
  const maxShare = total > 0 ? max / total : 1;
  const scale = (share: number) => Math.sqrt(share / maxShare) * (bottom - top);
  ctx.strokeStyle = '#555555';
  ctx.fillStyle = '#555555';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  for (const share of [0, maxShare / 4, maxShare]) {
    const y = bottom - scale(share);
    ctx.fillText(`${(100 * share).toFixed(1)}%`, left - 4, y + 3);
    ctx.beginPath();
    ctx.moveTo(left - 2, y + 0.5);
    ctx.lineTo(left, y + 0.5);
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  for (const c of [0, 32, 64, 96, k - 1]) {
    ctx.fillText(String(c), left + (c + 0.5) * barWidth, height - 4);
  }
  for (let c = 0; c < k; c++) {
    const share = total > 0 ? counts[c]! / total : 0;
    const barHeight = scale(share);
    ctx.fillStyle = highlight.has(c) ? HIGHLIGHT_COLOR : BAR_COLOR;
    ctx.fillRect(left + c * barWidth, bottom - barHeight, Math.max(1, barWidth - 0.5), barHeight);
    if (highlight.has(c))
      ctx.fillRect(left + c * barWidth, bottom + 1, Math.max(1, barWidth - 0.5), 4);
  }
  ctx.strokeStyle = '#555555';
  ctx.beginPath();
  ctx.moveTo(left, bottom + 0.5);
  ctx.lineTo(width - 4, bottom + 0.5);
  ctx.stroke();
}

/**
 * A `<table>` of one image's H × W code indices (the discrete code the decoder sees).
 *
 * @param codes - The grid, row-major.
 * @param height - Rows H.
 * @param width - Columns W.
 * @param caption - The table's caption.
 */
export function codeGridTable(
  codes: ArrayLike<number>,
  height: number,
  width: number,
  caption: string,
): HTMLTableElement {
  const table = h('table', { class: 'lk-codes' }, h('caption', {}, caption));
  for (let r = 0; r < height; r++) {
    const row = h('tr');
    for (let c = 0; c < width; c++) row.append(h('td', {}, String(codes[r * width + c])));
    table.append(row);
  }
  return table;
}

/** The codes of a grid as text, one line per row (for a tooltip). */
export function codeGridText(codes: ArrayLike<number>, height: number, width: number): string {
  const rows: string[] = [];
  for (let r = 0; r < height; r++) {
    rows.push(Array.from({ length: width }, (_, c) => codes[r * width + c]).join(' '));
  }
  return rows.join('\n');
}
