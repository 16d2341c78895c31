import { requireKnownOptions } from '@latentkit/core';
import type { ImageGridFigure } from '../figures/figure.js';
import { fromBase64, toBase64 } from '../internal/base64.js';
import { escapeXml } from '../markup/escape-xml.js';
import { type EncodePngOptions, encodeGreyPng } from './encode-grey-png.js';
import { GRID_PAD, tileImages } from './tile-images.js';

/**
 * The image grid of a figure as a PNG: the images tiled with {@link GRID_PAD} px of mid-grey
 * padding ({@link tileImages}), encoded by {@link encodeGreyPng}.
 *
 * @throws {@link ShapeError} if the figure's pixels are not `rows·cols·height·width` bytes.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function imageGridPng(figure: ImageGridFigure, options: EncodePngOptions = {}): Uint8Array {
  requireKnownOptions(options, ['deflate'], 'imageGridPng options');
  return encodeGreyPng(tileImages(figure, fromBase64(figure.pixels)), options);
}

/**
 * Renders an {@link ImageGridFigure} as an SVG: the PNG of the grid (embedded as a data URI,
 * drawn `scale`× with nearest-neighbour upscaling), the title above and the row labels on the left.
 *
 * @param png - The grid's PNG, e.g. from {@link imageGridPng}.
 * @param scale - Display magnification. Default 2.
 *
 * @example
 * ```ts
 * const svg = imageGridSvg(figure, imageGridPng(figure), 3);
 * ```
 */
export function imageGridSvg(figure: ImageGridFigure, png: Uint8Array, scale = 2): string {
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
    `href="data:image/png;base64,${toBase64(png)}"/>${text}</svg>`
  );
}
