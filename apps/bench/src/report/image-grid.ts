import { PNG } from 'pngjs';
import { escapeXml } from './escape-xml.js';
import type { ImageGridFigure } from './figure.js';

/** A grey-level raster: `height` rows of `width` bytes (0 = black, 255 = white). */
export interface GreyRaster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Padding (px) between the images of a grid and around it, in PNGs and SVGs of the report. */
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
 * @throws {RangeError} if the pixel data are not `rows·cols·height·width` bytes.
 */
export function tileImages(
  figure: Pick<ImageGridFigure, 'rows' | 'cols' | 'height' | 'width'>,
  pixels: Uint8Array,
  options: TileOptions = {},
): GreyRaster {
  const { rows, cols, height: h, width: w } = figure;
  const pad = options.pad ?? GRID_PAD;
  if (pixels.length !== rows * cols * h * w) {
    throw new RangeError(
      `image grid ${rows}×${cols} of ${h}×${w} needs ${rows * cols * h * w} bytes, got ${pixels.length}`,
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

/** Encodes a grey raster as an 8-bit greyscale PNG (via `pngjs`). */
export function encodeGreyPng(raster: GreyRaster): Buffer {
  const png = new PNG({ width: raster.width, height: raster.height, colorType: 0 });
  // pngjs takes RGBA input; expand grey to RGBA and let it pack colour type 0 (grey).
  const rgba = Buffer.alloc(raster.width * raster.height * 4);
  for (let i = 0; i < raster.pixels.length; i++) {
    const v = raster.pixels[i]!;
    rgba[4 * i] = v;
    rgba[4 * i + 1] = v;
    rgba[4 * i + 2] = v;
    rgba[4 * i + 3] = 255;
  }
  png.data = rgba;
  return PNG.sync.write(png, { colorType: 0 });
}

/** The image grid of a figure as a PNG ({@link GRID_PAD} px of mid-grey padding). */
export function imageGridPng(figure: ImageGridFigure): Buffer {
  return encodeGreyPng(tileImages(figure, Buffer.from(figure.pixels, 'base64')));
}

/**
 * Renders an {@link ImageGridFigure} as an SVG: the PNG of the grid (embedded as a data URI,
 * drawn `scale`× with nearest-neighbour upscaling), the title above and the row labels on the left.
 *
 * @param png - The grid's PNG, e.g. from {@link imageGridPng}.
 * @param scale - Display magnification. Default 2.
 */
export function imageGridSvg(figure: ImageGridFigure, png: Buffer, scale = 2): string {
  const grid = {
    width: GRID_PAD + figure.cols * (figure.width + GRID_PAD),
    height: GRID_PAD + figure.rows * (figure.height + GRID_PAD),
  };
  const labels = figure.rowLabels ?? [];
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const left = labels.length > 0 ? 12 + longest * 7 : 0;
  const top = 26;
  const width = left + grid.width * scale;
  const height = top + grid.height * scale;
  const rowStep = (figure.height + GRID_PAD) * scale;
  const text = labels
    .map(
      (label, r) =>
        `<text x="${left - 8}" y="${top + (GRID_PAD + figure.height / 2) * scale + r * rowStep}" ` +
        `text-anchor="end" dominant-baseline="middle">${escapeXml(label)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(figure.title)}" ` +
    'font-family="sans-serif" font-size="12">' +
    `<text x="${left}" y="16" font-weight="bold">${escapeXml(figure.title)}</text>` +
    `<image x="${left}" y="${top}" width="${grid.width * scale}" height="${grid.height * scale}" ` +
    'style="image-rendering:pixelated" preserveAspectRatio="none" ' +
    `href="data:image/png;base64,${png.toString('base64')}"/>${text}</svg>`
  );
}
