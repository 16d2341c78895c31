import { describe, expect, it } from 'vitest';
import { storedDeflate } from '../images/stored-deflate.js';
import { figureSvg } from './figure-svg.js';

describe('figureSvg', () => {
  it('renders each figure kind as one SVG element, PNGs through the given deflate', () => {
    const deflated: number[] = [];
    const svgs = [
      figureSvg({
        kind: 'line',
        title: 'curves',
        xLabel: 'epoch',
        yLabel: 'nats',
        series: [{ name: 's', x: [1, 2], y: [3, 2] }],
      }),
      figureSvg({
        kind: 'scatter',
        title: 'scatter',
        xLabel: 'x',
        yLabel: 'y',
        x: [0, 1],
        y: [1, 0],
        classes: [0, 1],
        classNames: ['a', 'b'],
      }),
      figureSvg(
        {
          kind: 'images',
          title: 'grid',
          rows: 1,
          cols: 1,
          height: 1,
          width: 1,
          pixels: Buffer.from([200]).toString('base64'),
        },
        {
          deflate: (d) => {
            deflated.push(d.length);
            return storedDeflate(d);
          },
        },
      ),
    ];
    for (const svg of svgs) {
      expect(svg.startsWith('<svg ')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
    }
    expect(svgs[2]).toContain('data:image/png;base64,');
    expect(deflated).toEqual([5 * (5 + 1)]); // 5 × 5 grid (1 px image, 2 px padding), filter bytes
  });
});
