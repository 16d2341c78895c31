import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { ImageGridFigure } from './figure.js';
import { encodeGreyPng, imageGridPng, imageGridSvg, tileImages } from './image-grid.js';

/** 2 × 3 images of 2 × 2 pixels; image k has every pixel = 10·(k + 1), pixel (1,1) = 255. */
function pixels(): Uint8Array {
  const out = new Uint8Array(6 * 4);
  for (let k = 0; k < 6; k++) {
    out.fill(10 * (k + 1), k * 4, k * 4 + 4);
    out[k * 4 + 3] = 255;
  }
  return out;
}

const grid = { rows: 2, cols: 3, height: 2, width: 2 };

describe('tileImages', () => {
  it('places image r·cols + c at row r, column c with padding between', () => {
    const r = tileImages(grid, pixels(), { pad: 1, background: 0 });
    expect(r.width).toBe(1 + 3 * 3);
    expect(r.height).toBe(1 + 2 * 3);
    const at = (x: number, y: number) => r.pixels[y * r.width + x];
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 3; col++) {
        const k = row * 3 + col;
        const left = 1 + col * 3;
        const top = 1 + row * 3;
        expect(at(left, top)).toBe(10 * (k + 1));
        expect(at(left + 1, top + 1)).toBe(255);
        expect(at(left + 2, top)).toBe(0); // padding column right of the image
      }
    }
    expect(at(0, 0)).toBe(0);
  });

  it('rejects pixel data of the wrong size', () => {
    expect(() => tileImages(grid, new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('encodeGreyPng', () => {
  it('round-trips through an independent PNG decoder', () => {
    const raster = tileImages(grid, pixels());
    const decoded = PNG.sync.read(encodeGreyPng(raster));
    expect(decoded.width).toBe(raster.width);
    expect(decoded.height).toBe(raster.height);
    for (let i = 0; i < raster.pixels.length; i++) {
      expect(decoded.data[4 * i]).toBe(raster.pixels[i]);
      expect(decoded.data[4 * i + 1]).toBe(raster.pixels[i]);
      expect(decoded.data[4 * i + 3]).toBe(255);
    }
  });

  it('writes an 8-bit greyscale PNG (colour type 0)', () => {
    const png = encodeGreyPng({ width: 1, height: 1, pixels: new Uint8Array([7]) });
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // IHDR data starts at byte 16: width(4) height(4) bit depth(1) colour type(1).
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(0);
  });
});

describe('imageGridSvg', () => {
  const figure: ImageGridFigure = {
    kind: 'images',
    title: 'grid & labels',
    ...grid,
    pixels: Buffer.from(pixels()).toString('base64'),
    rowLabels: ['first', 'second'],
  };

  it('embeds the PNG at the scaled grid size with one label per row', () => {
    const png = imageGridPng(figure);
    const svg = imageGridSvg(figure, png, 3);
    const { width, height } = PNG.sync.read(png);
    expect(svg).toContain(`width="${width * 3}" height="${height * 3}"`);
    expect(svg).toContain(`href="data:image/png;base64,${png.toString('base64')}"`);
    expect(svg).toContain('>first</text>');
    expect(svg).toContain('>second</text>');
    expect(svg).toContain('grid &amp; labels');
  });
});
