import { ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import type { LineFigure } from '../figures/figure.js';
import { PALETTE } from '../palette/palette.js';
import { LINE_LAYOUT, lineChartSvg, svgPath } from './line-chart.js';

describe('svgPath', () => {
  const id = (v: number) => v;

  it('moves to the first point and draws lines through the others', () => {
    expect(svgPath([0, 1, 2], [5, 6, 4], id, id)).toBe('M0,5 L1,6 L2,4');
  });

  it('applies the scales and rounds to 0.1 px', () => {
    const sx = (v: number) => 10 * v + 0.04;
    const sy = (v: number) => 100 - v / 3;
    expect(svgPath([1, 2], [1, 2], sx, sy)).toBe('M10,99.7 L20,99.3');
  });

  it('breaks the line at non-finite values', () => {
    expect(svgPath([0, 1, 2, 3], [1, Number.NaN, 3, 4], id, id)).toBe('M0,1 M2,3 L3,4');
  });

  it('rejects x and y of different lengths', () => {
    expect(() => svgPath([0, 1], [0], id, id)).toThrow(ShapeError);
  });
});

describe('lineChartSvg', () => {
  const figure: LineFigure = {
    kind: 'line',
    title: 'loss <test>',
    xLabel: 'epoch',
    yLabel: 'nats',
    series: [
      { name: 'train', x: [1, 2, 3], y: [150, 120, 110] },
      { name: 'validation', x: [1, 2, 3], y: [130, 115, 108], dashed: true },
    ],
  };
  const svg = lineChartSvg(figure);

  it('is one SVG element with an escaped title', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('loss &lt;test&gt;');
    expect(svg).not.toContain('<test>');
  });

  it('draws each series as a path whose points map the data through the axis scales', () => {
    // y ticks cover 108…150 with step 10 → domain [100, 150]; x ticks 1…3 (step 0.5) → [1, 3].
    const { left, right, top, bottom, width, height } = LINE_LAYOUT;
    const sx = (x: number) => left + ((x - 1) / 2) * (width - right - left);
    const sy = (y: number) => height - bottom - ((y - 100) / 50) * (height - bottom - top);
    const r = (v: number) => Math.round(v * 10) / 10;
    const expected = `M${r(sx(1))},${r(sy(150))} L${r(sx(2))},${r(sy(120))} L${r(sx(3))},${r(sy(110))}`;
    expect(svg).toContain(`d="${expected}"`);
    expect(svg.match(/<path /g)).toHaveLength(2);
  });

  it('colours series from the palette, dashes the dashed one and labels only integer epochs', () => {
    expect(svg).toContain(`stroke="${PALETTE[0]}"`);
    expect(svg).toContain(`stroke="${PALETTE[1]}" stroke-width="2" stroke-dasharray="6 4"`);
    expect(svg).toContain('>validation</text>');
    expect(svg).not.toMatch(/>1\.5<\/text>/);
    expect(svg).toMatch(/>2<\/text>/);
  });
});
