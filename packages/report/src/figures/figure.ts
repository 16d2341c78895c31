/**
 * Figures a benchmark saves in its JSON results, as plain data, so that the report can be
 * re-rendered (`latentkit-bench report`) without re-running anything.
 */

/** One line of a {@link LineFigure}: y against x, both in the figure's units. */
export interface LineSeries {
  /** Legend entry. */
  name: string;
  /** x values (e.g. 1-based epochs). */
  x: number[];
  /** y values, same length as `x` (e.g. nats per image). */
  y: number[];
  /** Draw dashed (e.g. a baseline). Default `false`. */
  dashed?: boolean;
  /** Colour index into the categorical palette. Default: the series' position. */
  color?: number;
}

/** A line chart, e.g. loss curves (train / validation per epoch). */
export interface LineFigure {
  /** Discriminant of {@link Figure}. */
  kind: 'line';
  /** Title, drawn above the chart. */
  title: string;
  /** Text under the figure. */
  caption?: string;
  /** x axis title. */
  xLabel: string;
  /** y axis title. */
  yLabel: string;
  /** The lines, in legend order. */
  series: LineSeries[];
}

/** A scatter plot of points coloured by class (e.g. 2-D latent codes coloured by digit). */
export interface ScatterFigure {
  /** Discriminant of {@link Figure}. */
  kind: 'scatter';
  /** Title, drawn above the chart. */
  title: string;
  /** Text under the figure. */
  caption?: string;
  /** x axis title. */
  xLabel: string;
  /** y axis title. */
  yLabel: string;
  /** x of each point. */
  x: number[];
  /** y of each point. */
  y: number[];
  /** Class of each point, an index into `classNames`. */
  classes: number[];
  /** Legend entry of each class. */
  classNames: string[];
}

/**
 * A grid of grey-level images (`rows × cols` images of `height × width` pixels), e.g. samples,
 * interpolation strips or traversals. Pixels are bytes 0–255 (0 = black), image-major, each image
 * row-major, stored base64-encoded so the JSON stays small and exact.
 */
export interface ImageGridFigure {
  /** Discriminant of {@link Figure}. */
  kind: 'images';
  /** Title, drawn above the grid. */
  title: string;
  /** Text under the figure. */
  caption?: string;
  /** Rows of images. */
  rows: number;
  /** Images per row. */
  cols: number;
  /** Height of one image, pixels. */
  height: number;
  /** Width of one image, pixels. */
  width: number;
  /** base64 of `rows·cols·height·width` bytes; image `r·cols + c` is the one at row r, column c. */
  pixels: string;
  /** One label per row, shown on the left (e.g. the digit, or "z3 (KL 4.1)"). */
  rowLabels?: string[];
}

/** Any figure. */
export type Figure = LineFigure | ScatterFigure | ImageGridFigure;
