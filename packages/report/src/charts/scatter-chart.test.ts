import { ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import type { ScatterFigure } from '../figures/figure.js';
import { PALETTE } from '../palette/palette.js';
import { dotsPath, scatterChartSvg } from './scatter-chart.js';

describe('dotsPath', () => {
  const id = (v: number) => v;

  it('draws one zero-length segment per point, skipping non-finite ones', () => {
    expect(dotsPath([1, 2, Number.NaN], [3, 4, 5], id, id)).toBe('M1 3h0M2 4h0');
  });

  it('takes only the given indices', () => {
    expect(dotsPath([1, 2, 3], [4, 5, 6], id, (v) => 2 * v, [2, 0])).toBe('M3 12h0M1 8h0');
  });
});

describe('scatterChartSvg', () => {
  const figure: ScatterFigure = {
    kind: 'scatter',
    title: 'latent',
    xLabel: 'z1',
    yLabel: 'z2',
    x: [0, 1, 2, 3],
    y: [0, 1, 0, 1],
    classes: [0, 1, 1, 2],
    classNames: ['zero', 'one', 'two'],
  };
  const svg = scatterChartSvg(figure);

  it('draws one path per class in the class colour holding that class’s points', () => {
    const paths = [...svg.matchAll(/<path d="([^"]*)" stroke="([^"]+)"/g)];
    expect(paths.map((m) => m[2])).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
    expect(paths.map((m) => m[1]!.split('h0').length - 1)).toEqual([1, 2, 1]);
  });

  it('has a legend entry per class', () => {
    for (const name of figure.classNames) expect(svg).toContain(`>${name}</text>`);
  });

  it('rejects mismatched arrays', () => {
    expect(() => scatterChartSvg({ ...figure, classes: [0] })).toThrow(ShapeError);
  });
});
