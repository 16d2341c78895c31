// The live, canvas-drawn chart of the demos (redrawn every few frames, sharp on high-DPI
// screens). Scales and ticks come from @latentkit/report; only the drawing is DOM-specific.
import { extent, formatTick, linearScale, niceTicks } from '@latentkit/report';
import { h } from './dom.js';

/** One line of a {@link LineChart}. */
export interface LineSeries {
  label: string;
  color: string;
  /** y values. */
  y: ArrayLike<number>;
  /** x values (default 0, 1, 2 …). */
  x?: ArrayLike<number>;
  dashed?: boolean;
}

/** Axis limits and an optional vertical marker. */
export interface LineChartView {
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  /** Draws a vertical line at this x. */
  markerX?: number;
}

/** A canvas line chart (sharp on high-DPI screens). */
export interface LineChart {
  canvas: HTMLCanvasElement;
  draw(series: LineSeries[], view?: LineChartView): void;
}

const PAD = { left: 52, right: 12, top: 10, bottom: 36 };

/** Colour of the vertical marker: neutral grey, so it is never mistaken for a data series. */
export const MARKER_COLOR = '#666666';

/** Ticks inside [a, b] (either order), about `count` intervals. */
const ticksWithin = (a: number, b: number, count: number): number[] =>
  niceTicks(Math.min(a, b), Math.max(a, b), count, { within: true });

const label = (v: number): string =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(0)
    : formatTick(v).replace('-', '−');

/**
 * Creates a line chart of `width × height` CSS pixels with axis labels; its `aria-label` gives
 * the description, and `draw` updates it with the last values of each series.
 */
export function createLineChart(options: {
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  description: string;
}): LineChart {
  const dpr = typeof devicePixelRatio === 'number' ? Math.min(devicePixelRatio, 3) : 1;
  const canvas = h('canvas', {
    class: 'lk-chart',
    width: Math.round(options.width * dpr),
    height: Math.round(options.height * dpr),
    role: 'img',
    'aria-label': options.description,
  });
  canvas.style.width = `${options.width}px`;
  return {
    canvas,
    draw(series, view = {}) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, options.width, options.height);
      const xs = series.map((s) => s.x ?? Float64Array.from({ length: s.y.length }, (_, i) => i));
      const [x0, x1] = extent(...xs);
      const [y0, y1] = extent(...series.map((s) => s.y));
      const xMin = view.xMin ?? x0;
      const xMax = view.xMax ?? Math.max(x1, xMin + 1);
      // 6 % headroom above and below the data, so extreme points and their line width are not
      // cut off at the plot's edge.
      const yPad = y1 > y0 ? 0.06 * (y1 - y0) : 0.5;
      const yMin = view.yMin ?? y0 - yPad;
      const yMax = view.yMax ?? (y1 > y0 ? y1 + yPad : yMin + 1);
      const w = options.width;
      const hgt = options.height;
      const sx = linearScale([xMin, xMax], [PAD.left, w - PAD.right]);
      const sy = linearScale([yMin, yMax], [hgt - PAD.bottom, PAD.top]);
      ctx.font = '11px system-ui, sans-serif';
      ctx.strokeStyle = '#d0d0d0';
      ctx.fillStyle = '#444';
      ctx.lineWidth = 1;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      for (const t of ticksWithin(yMin, yMax, 4)) {
        const y = sy(t);
        ctx.beginPath();
        ctx.moveTo(PAD.left, y);
        ctx.lineTo(w - PAD.right, y);
        ctx.stroke();
        ctx.fillText(label(t), PAD.left - 4, y);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const t of ticksWithin(xMin, xMax, 5)) {
        ctx.fillText(label(t), sx(t), hgt - PAD.bottom + 4);
      }
      ctx.fillText(options.xLabel, (PAD.left + w - PAD.right) / 2, hgt - 14);
      ctx.save();
      ctx.translate(12, (PAD.top + hgt - PAD.bottom) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(options.yLabel, 0, -6);
      ctx.restore();
      ctx.save();
      ctx.beginPath();
      ctx.rect(PAD.left, PAD.top, w - PAD.left - PAD.right, hgt - PAD.top - PAD.bottom);
      ctx.clip();
      series.forEach((s, k) => {
        const x = xs[k]!;
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(s.dashed ? [5, 4] : []);
        ctx.beginPath();
        let started = false;
        for (let i = 0; i < s.y.length; i++) {
          const v = s.y[i]!;
          if (!Number.isFinite(v)) continue;
          const px = sx(x[i]!);
          const py = sy(v);
          if (started) ctx.lineTo(px, py);
          else ctx.moveTo(px, py);
          started = true;
        }
        ctx.stroke();
      });
      ctx.setLineDash([]);
      if (view.markerX !== undefined) {
        ctx.strokeStyle = MARKER_COLOR;
        ctx.lineWidth = 1.5;
        const mx = sx(view.markerX);
        ctx.beginPath();
        ctx.moveTo(mx, PAD.top);
        ctx.lineTo(mx, hgt - PAD.bottom);
        ctx.stroke();
      }
      ctx.restore();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      let lx = PAD.left + 6;
      for (const s of series) {
        // The legend's swatch is drawn like the line: same colour, same dash.
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(s.dashed ? [4, 3] : []);
        ctx.beginPath();
        ctx.moveTo(lx, PAD.top + 6);
        ctx.lineTo(lx + 16, PAD.top + 6);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#333';
        ctx.fillText(s.label, lx + 20, PAD.top);
        lx += 30 + ctx.measureText(s.label).width;
      }
      const last = series
        .map((s) => `${s.label}: ${s.y.length > 0 ? label(s.y[s.y.length - 1]!) : 'none'}`)
        .join('; ');
      canvas.setAttribute('aria-label', `${options.description} Last values — ${last}.`);
    },
  };
}
