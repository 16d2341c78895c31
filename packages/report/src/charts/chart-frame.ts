import { requireKnownOptions } from '@latentkit/core';
import { px } from '../internal/svg.js';
import { escapeXml } from '../markup/escape-xml.js';
import { extent } from '../scale/extent.js';
import { formatTick } from '../scale/format-tick.js';
import { type LinearScale, linearScale } from '../scale/linear-scale.js';
import { niceTicks } from '../scale/nice-ticks.js';

/** Size of a chart and of the margins around its plot area, in SVG pixels. */
export interface ChartLayout {
  /** Width of the whole chart. */
  width: number;
  /** Height of the whole chart. */
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
  /** Chart size and margins. */
  layout: ChartLayout;
  /** Chart title, above the plot area. */
  title: string;
  /** x axis title. */
  xLabel: string;
  /** y axis title. */
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

/**
 * Builds the frame of a 2-D SVG chart: "nice" tick values covering the data (they also set the
 * axis domains), light grid lines, the axes, tick labels, axis titles and the chart title. The
 * line and scatter charts draw their data over it; a custom chart can do the same.
 *
 * @example
 * ```ts
 * const frame = chartFrame({
 *   layout: { width: 400, height: 300, left: 50, right: 20, top: 30, bottom: 40 },
 *   title: 'Loss', xLabel: 'epoch', yLabel: 'nats',
 *   xValues: [1, 2, 3], yValues: [150, 120, 110],
 * });
 * const dot = `<circle cx="${frame.sx(2)}" cy="${frame.sy(120)}" r="3"/>`;
 * const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">${frame.svg}${dot}</svg>`;
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function chartFrame(options: ChartFrameOptions): ChartFrame {
  requireKnownOptions(
    options,
    ['layout', 'title', 'xLabel', 'yLabel', 'xValues', 'yValues', 'integerX'],
    'chartFrame options',
  );
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
