import { deflateSync } from 'node:zlib';
import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeGreyPng } from './encode-grey-png.js';
import type { GreyRaster } from './tile-images.js';

/** A raster that exercises every filter: gradients, noise-like values, flat runs. */
function raster(width: number, height: number): GreyRaster {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels[y * width + x] =
        y % 3 === 0 ? (x * 7 + y * 13) & 0xff : y % 3 === 1 ? (x * x * 31 + y) & 0xff : 128;
    }
  }
  return { width, height, pixels };
}

function decode(png: Uint8Array) {
  return PNG.sync.read(Buffer.from(png));
}

describe('encodeGreyPng', () => {
  it('round-trips through an independent PNG decoder, stored or compressed', () => {
    const r = raster(37, 23);
    for (const deflate of [undefined, (d: Uint8Array) => deflateSync(d, { level: 9 })]) {
      const decoded = decode(encodeGreyPng(r, deflate ? { deflate } : {}));
      expect([decoded.width, decoded.height]).toEqual([37, 23]);
      for (let i = 0; i < r.pixels.length; i++) {
        expect(decoded.data[4 * i]).toBe(r.pixels[i]);
        expect(decoded.data[4 * i + 2]).toBe(r.pixels[i]);
        expect(decoded.data[4 * i + 3]).toBe(255);
      }
    }
  });

  it('writes an 8-bit greyscale PNG (colour type 0)', () => {
    const png = encodeGreyPng({ width: 1, height: 1, pixels: new Uint8Array([7]) });
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // IHDR data starts at byte 16: width(4) height(4) bit depth(1) colour type(1).
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(0);
    expect(decode(png).data[0]).toBe(7);
  });

  it('refuses a raster whose size does not match its pixels', () => {
    expect(() => encodeGreyPng({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow(
      ShapeError,
    );
    expect(() => encodeGreyPng({ width: 0, height: 2, pixels: new Uint8Array(0) })).toThrow(
      InvalidArgumentError,
    );
  });
});
