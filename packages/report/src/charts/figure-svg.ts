import { requireKnownOptions } from '@latentkit/core';
import type { Figure } from '../figures/figure.js';
import type { EncodePngOptions } from '../images/encode-grey-png.js';
import { imageGridPng, imageGridSvg } from '../images/image-grid.js';
import { lineChartSvg } from './line-chart.js';
import { scatterChartSvg } from './scatter-chart.js';

/**
 * The SVG of one figure: a line chart ({@link lineChartSvg}), a scatter plot
 * ({@link scatterChartSvg}) or an image grid ({@link imageGridSvg}, its PNG encoded with
 * `options.deflate`).
 *
 * @example
 * ```ts
 * import { zlibDeflate } from '@latentkit/report/node';
 * for (const f of result.figures ?? []) files.push(figureSvg(f, { deflate: zlibDeflate }));
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function figureSvg(figure: Figure, options: EncodePngOptions = {}): string {
  requireKnownOptions(options, ['deflate'], 'figureSvg options');
  switch (figure.kind) {
    case 'line':
      return lineChartSvg(figure);
    case 'scatter':
      return scatterChartSvg(figure);
    case 'images':
      return imageGridSvg(figure, imageGridPng(figure, options));
  }
}
