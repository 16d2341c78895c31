import { requireKnownOptions, ShapeError } from '@latentkit/core';
import type { ImageGridFigure } from '../figures/figure.js';

/** A grey-level raster: `height` rows of `width` bytes (0 = black, 255 = white). */
export interface GreyRaster {
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** `width·height` grey levels, row-major. */
  pixels: Uint8Array;
}

/** Padding (px) between the images of a grid and around it, in the PNGs and SVGs of a report. */
export const GRID_PAD = 2;

/** Options of {@link tileImages}. */
export interface TileOptions {
  /** Pixels between neighbouring images and around the grid. Default {@link GRID_PAD}. */
  pad?: number;
  /** Grey level of the padding. Default 128. */
  background?: number;
}

/**
 * Tiles the images of an {@link ImageGridFigure} into one raster: image `r·cols + c` at row r,
 * column c, its top-left corner at (pad + c·(width + pad), pad + r·(height + pad)).
 *
 * @throws {@link ShapeError} if the pixel data are not `rows·cols·height·width` bytes.
 *
 * @example
 * ```ts
 * // Two 1×1 images side by side with 1 px of black padding: a 5 × 3 raster.
 * const r = tileImages({ rows: 1, cols: 2, height: 1, width: 1 }, Uint8Array.of(50, 200), {
 *   pad: 1,
 *   background: 0,
 * });
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function tileImages(
  figure: Pick<ImageGridFigure, 'rows' | 'cols' | 'height' | 'width'>,
  pixels: Uint8Array,
  options: TileOptions = {},
): GreyRaster {
  requireKnownOptions(options, ['pad', 'background'], 'tileImages options');
  const { rows, cols, height: h, width: w } = figure;
  const pad = options.pad ?? GRID_PAD;
  if (pixels.length !== rows * cols * h * w) {
    throw new ShapeError(
      `image grid ${rows}×${cols} of ${h}×${w} needs ${rows * cols * h * w} bytes, got ${pixels.length}`,
      [rows * cols * h * w],
      [pixels.length],
    );
  }
  const width = pad + cols * (w + pad);
  const height = pad + rows * (h + pad);
  const out = new Uint8Array(width * height).fill(options.background ?? 128);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const src = (r * cols + c) * h * w;
      const top = pad + r * (h + pad);
      const left = pad + c * (w + pad);
      for (let y = 0; y < h; y++) {
        out.set(pixels.subarray(src + y * w, src + (y + 1) * w), (top + y) * width + left);
      }
    }
  }
  return { width, height, pixels: out };
}
