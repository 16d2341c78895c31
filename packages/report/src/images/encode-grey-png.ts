import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import { crc32 } from '../internal/checksums.js';
import type { Deflate } from './deflate.js';
import { storedDeflate } from './stored-deflate.js';
import type { GreyRaster } from './tile-images.js';

/** Options of {@link encodeGreyPng}. */
export interface EncodePngOptions {
  /**
   * The zlib compressor of the image data. Default {@link storedDeflate} (uncompressed, works
   * everywhere); in Node pass `zlibDeflate` from `@latentkit/report/node` for small files.
   */
  deflate?: Deflate;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Filters each row with the PNG filter (none, sub, up, average, Paeth) whose output has the
 * smallest sum of absolute values (the usual heuristic), each row prefixed by its filter type.
 */
function filterRows(raster: GreyRaster): Uint8Array {
  const { width, height, pixels } = raster;
  const out = new Uint8Array(height * (width + 1));
  const candidate = new Uint8Array(width);
  const best = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * width, (y + 1) * width);
    const prev = y > 0 ? pixels.subarray((y - 1) * width, y * width) : undefined;
    let bestType = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let type = 0; type < 5; type++) {
      let cost = 0;
      for (let x = 0; x < width; x++) {
        const v = row[x]!;
        const a = x > 0 ? row[x - 1]! : 0;
        const b = prev ? prev[x]! : 0;
        const c = prev && x > 0 ? prev[x - 1]! : 0;
        const predictor =
          type === 0
            ? 0
            : type === 1
              ? a
              : type === 2
                ? b
                : type === 3
                  ? (a + b) >> 1
                  : paeth(a, b, c);
        const f = (v - predictor) & 0xff;
        candidate[x] = f;
        cost += f < 128 ? f : 256 - f;
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestType = type;
        best.set(candidate);
      }
    }
    out[y * (width + 1)] = bestType;
    out.set(best, y * (width + 1) + 1);
  }
  return out;
}

/**
 * Encodes a grey raster as an 8-bit greyscale PNG (colour type 0), rows filtered adaptively.
 * Browser-safe: the compressor is a parameter (default {@link storedDeflate}).
 *
 * @throws {@link ShapeError} if `pixels` is not `width·height` bytes.
 * @throws {@link InvalidArgumentError} for a width or height that is not a positive integer.
 *
 * @example
 * ```ts
 * const png = encodeGreyPng({ width: 2, height: 1, pixels: Uint8Array.of(0, 255) });
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function encodeGreyPng(raster: GreyRaster, options: EncodePngOptions = {}): Uint8Array {
  requireKnownOptions(options, ['deflate'], 'encodeGreyPng options');
  const { width, height, pixels } = raster;
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 0x7fffffff) {
      throw new InvalidArgumentError(name, `must be a positive integer, got ${v}`);
    }
  }
  if (pixels.length !== width * height) {
    throw new ShapeError(
      `a ${width}×${height} raster needs ${width * height} bytes, got ${pixels.length}`,
      [width * height],
      [pixels.length],
    );
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: grey
  // compression 0, filter method 0, no interlace: bytes 10–12 stay 0.
  const data = (options.deflate ?? storedDeflate)(filterRows(raster));
  const parts = [
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', data),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
