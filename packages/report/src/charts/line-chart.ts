// Charts are hand-written SVG (this file, scatter-chart.ts, chart-frame.ts): the report needs two
// chart types, a few hundred points each, rendered in Node or a browser without a DOM. Charting libraries
// either need a DOM (d3-selection, Chart.js) or bring a large runtime (Vega); pure functions that
// return SVG strings are small, dependency-free and easy to test.
import { ShapeError } from '@latentkit/core';
import type { LineFigure } from '../figures/figure.js';
import { legend, px, svgOpen } from '../internal/svg.js';
import { paletteColor } from '../palette/palette.js';
import type { LinearScale } from '../scale/linear-scale.js';
import { type ChartLayout, chartFrame } from './chart-frame.js';

/** Default size of a line chart from {@link lineChartSvg} (the legend sits in the right margin). */
export const LINE_LAYOUT: ChartLayout = {
  width: 720,
  height: 360,
  left: 64,
  right: 190,
  top: 34,
  bottom: 44,
};

/**
 * The SVG path data of a polyline through (xs[i], ys[i]) mapped by the scales, coordinates
 * rounded to 0.1 px: `M x,y L x,y …`. A non-finite value breaks the line (the next finite point
 * starts a new subpath with `M`).
 *
 * @throws {@link ShapeError} if xs and ys differ in length.
 */
export function svgPath(
  xs: readonly number[],
  ys: readonly number[],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  if (xs.length !== ys.length) {
    throw new ShapeError(
      `svgPath: ${xs.length} x values but ${ys.length} y values`,
      [xs.length],
      [ys.length],
    );
  }
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${px(sx(x))},${px(sy(y))}`);
    pen = true;
  }
  return parts.join(' ');
}

function markers(xs: number[], ys: number[], sx: LinearScale, sy: LinearScale, color: string) {
  if (xs.length > 60) return '';
  return xs
    .map((x, i) =>
      Number.isFinite(x) && Number.isFinite(ys[i]!)
        ? `<circle cx="${px(sx(x))}" cy="${px(sy(ys[i]!))}" r="3" fill="${color}"/>`
        : '',
    )
    .join('');
}

/**
 * Renders a {@link LineFigure} as a standalone SVG: frame with nice ticks, one polyline per series
 * (with point markers when a series has ≤ 60 points), dashed series dashed, and a legend. Integer
 * x ticks only when every x value is an integer (epochs). Series take {@link PALETTE} colours in
 * order unless they name a palette index.
 *
 * @example
 * ```ts
 * const svg = lineChartSvg({
 *   kind: 'line', title: 'Loss', xLabel: 'epoch', yLabel: 'nats',
 *   series: [{ name: 'train', x: [1, 2, 3], y: [150, 120, 110] }],
 * });
 * ```
 */
export function lineChartSvg(figure: LineFigure, layout: ChartLayout = LINE_LAYOUT): string {
  const xValues = figure.series.flatMap((s) => s.x);
  const frame = chartFrame({
    layout,
    title: figure.title,
    xLabel: figure.xLabel,
    yLabel: figure.yLabel,
    xValues,
    yValues: figure.series.flatMap((s) => s.y),
    integerX: xValues.every(Number.isInteger),
  });
  const lines = figure.series.map((s, i) => {
    const color = paletteColor(s.color ?? i);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    return (
      `<path d="${svgPath(s.x, s.y, frame.sx, frame.sy)}" fill="none" stroke="${color}" stroke-width="2"${dash}/>` +
      markers(s.x, s.y, frame.sx, frame.sy, color)
    );
  });
  const key = legend(
    figure.series.map((s, i) => ({
      label: s.name,
      color: paletteColor(s.color ?? i),
      dashed: s.dashed ?? false,
    })),
    layout.width - layout.right + 14,
    layout.top + 8,
  );
  return `${svgOpen(layout.width, layout.height, figure.title)}${frame.svg}${lines.join('')}${key}</svg>`;
}
