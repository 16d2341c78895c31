import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ImageGridFigure } from '../figures/figure.js';
import { imageGridPng, imageGridSvg } from './image-grid.js';

/** 2 × 3 images of 2 × 2 pixels; image k has every pixel = 10·(k + 1), pixel (1,1) = 255. */
function pixels(): Uint8Array {
  const out = new Uint8Array(6 * 4);
  for (let k = 0; k < 6; k++) {
    out.fill(10 * (k + 1), k * 4, k * 4 + 4);
    out[k * 4 + 3] = 255;
  }
  return out;
}

describe('imageGridSvg', () => {
  const figure: ImageGridFigure = {
    kind: 'images',
    title: 'grid & labels',
    rows: 2,
    cols: 3,
    height: 2,
    width: 2,
    pixels: Buffer.from(pixels()).toString('base64'),
    rowLabels: ['first', 'second'],
  };

  it('embeds the PNG at the scaled grid size with one label per row', () => {
    const png = imageGridPng(figure);
    const svg = imageGridSvg(figure, png, 3);
    const { width, height } = PNG.sync.read(Buffer.from(png));
    expect([width, height]).toEqual([2 + 3 * 4, 2 + 2 * 4]);
    expect(svg).toContain(`width="${width * 3}" height="${height * 3}"`);
    expect(svg).toContain(`href="data:image/png;base64,${Buffer.from(png).toString('base64')}"`);
    expect(svg).toContain('>first</text>');
    expect(svg).toContain('>second</text>');
    expect(svg).toContain('grid &amp; labels');
  });
});
