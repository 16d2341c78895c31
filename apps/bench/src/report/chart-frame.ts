import { escapeXml } from './escape-xml.js';
import { formatTick, type LinearScale, linearScale, niceTicks } from './scale.js';

/** Size of a chart and of the margins around its plot area, in SVG pixels. */
export interface ChartLayout {
  width: number;
  height: number;
  /** Margin left of the plot area (y tick labels and axis title). */
  left: number;
  /** Margin right of the plot area (legend). */
  right: number;
  /** Margin above the plot area (title). */
  top: number;
  /** Margin below the plot area (x tick labels and axis title). */
  bottom: number;
}

/** What {@link chartFrame} needs. */
export interface ChartFrameOptions {
  layout: ChartLayout;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Every x value plotted (sets the x domain; non-finite values are ignored). */
  xValues: readonly number[];
  /** Every y value plotted. */
  yValues: readonly number[];
  /** Only label integer x ticks (epochs). Default `false`. */
  integerX?: boolean;
}

/** The scales of a chart's plot area and the SVG of its frame (grid, axes, ticks, titles). */
export interface ChartFrame {
  /** Data x → SVG x. */
  sx: LinearScale;
  /** Data y → SVG y (upwards). */
  sy: LinearScale;
  /** SVG elements of the frame, to be placed before the data. */
  svg: string;
}

/** Rounds an SVG coordinate to 0.1 px (keeps files small; far below screen resolution). */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function extent(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * Builds the frame of a 2-D chart: "nice" tick values covering the data (they also set the axis
 * domains), light grid lines, the axes, tick labels, axis titles and the chart title.
 */
export function chartFrame(options: ChartFrameOptions): ChartFrame {
  const { layout: l } = options;
  const xTicksAll = niceTicks(...extent(options.xValues), 6);
  const yTicks = niceTicks(...extent(options.yValues), 6);
  const x0 = l.left;
  const x1 = l.width - l.right;
  const y0 = l.height - l.bottom;
  const y1 = l.top;
  const sx = linearScale([xTicksAll[0]!, xTicksAll[xTicksAll.length - 1]!], [x0, x1]);
  const sy = linearScale([yTicks[0]!, yTicks[yTicks.length - 1]!], [y0, y1]);
  const xTicks = options.integerX ? xTicksAll.filter(Number.isInteger) : xTicksAll;
  const parts: string[] = [];
  for (const t of yTicks) {
    const y = px(sy(t));
    parts.push(
      `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${x0 - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatTick(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    const x = px(sx(t));
    parts.push(
      `<line x1="${x}" y1="${y1}" x2="${x}" y2="${y0}" stroke="#e5e5e5"/>`,
      `<text x="${x}" y="${y0 + 16}" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#333"/>`,
    `<text x="${(x0 + x1) / 2}" y="${l.height - 8}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
    `<text x="${(x0 + x1) / 2}" y="${Math.max(14, l.top - 10)}" text-anchor="middle" font-weight="bold">${escapeXml(options.title)}</text>`,
  );
  return { sx, sy, svg: parts.join('') };
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
