/**
 * Charts and reports as plain SVG/HTML text, for latentkit's benchmark report and docs site:
 * linear scales and "nice" ticks, one colour-blind-safe categorical palette (checked under
 * simulated protanopia, deuteranopia and tritanopia) and a diverging scale, an SVG chart frame,
 * line and scatter charts, image grids (with a dependency-free greyscale PNG encoder), HTML
 * tables and XML escaping, the figure types a benchmark saves, the saved-results schema with the
 * report renderer, and the manifest of a committed results snapshot. Every function here is pure
 * and browser-safe; reading and writing result folders (node:fs, node:zlib) is in
 * `@latentkit/report/node`.
 *
 * @packageDocumentation
 */
export type { ChartFrame, ChartFrameOptions, ChartLayout } from './charts/chart-frame.js';
export { chartFrame } from './charts/chart-frame.js';
export { figureSvg } from './charts/figure-svg.js';
export { LINE_LAYOUT, lineChartSvg, svgPath } from './charts/line-chart.js';
export { dotsPath, SCATTER_LAYOUT, scatterChartSvg } from './charts/scatter-chart.js';
export type {
  Figure,
  ImageGridFigure,
  LineFigure,
  LineSeries,
  ScatterFigure,
} from './figures/figure.js';
export type { Deflate } from './images/deflate.js';
export type { EncodePngOptions } from './images/encode-grey-png.js';
export { encodeGreyPng } from './images/encode-grey-png.js';
export { imageGridPng, imageGridSvg } from './images/image-grid.js';
export { storedDeflate } from './images/stored-deflate.js';
export type { GreyRaster, TileOptions } from './images/tile-images.js';
export { GRID_PAD, tileImages } from './images/tile-images.js';
export { escapeXml } from './markup/escape-xml.js';
export { divergingColor } from './palette/diverging-color.js';
export { PALETTE, PALETTE_BACKGROUND, paletteColor } from './palette/palette.js';
export { isSavedResult } from './results/is-saved-result.js';
export { isSnapshotManifest } from './results/is-snapshot-manifest.js';
export { renderReport } from './results/render-report.js';
export type {
  NamedTable,
  ReportTable,
  SavedEnvironment,
  SavedResult,
  SavedRunOptions,
} from './results/saved-result.js';
export type { SnapshotEntry, SnapshotManifest } from './results/snapshot-manifest.js';
export { SECTION_ORDER, sortResults } from './results/sort-results.js';
export { extent } from './scale/extent.js';
export { formatTick } from './scale/format-tick.js';
export type { LinearScale } from './scale/linear-scale.js';
export { linearScale } from './scale/linear-scale.js';
export type { NiceTicksOptions } from './scale/nice-ticks.js';
export { niceTicks } from './scale/nice-ticks.js';
export { htmlTable } from './tables/html-table.js';
export { isNumericCell } from './tables/is-numeric-cell.js';
