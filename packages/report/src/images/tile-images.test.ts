import { ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { tileImages } from './tile-images.js';

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
    expect(() => tileImages(grid, new Uint8Array(5))).toThrow(ShapeError);
  });
});
