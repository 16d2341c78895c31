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
  kind: 'line';
  title: string;
  /** Text under the figure. */
  caption?: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

/** A scatter plot of points coloured by class (e.g. 2-D latent codes coloured by digit). */
export interface ScatterFigure {
  kind: 'scatter';
  title: string;
  caption?: string;
  xLabel: string;
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
  kind: 'images';
  title: string;
  caption?: string;
  rows: number;
  cols: number;
  height: number;
  width: number;
  /** base64 of `rows·cols·height·width` bytes; image `r·cols + c` is the one at row r, column c. */
  pixels: string;
  /** One label per row, shown on the left (e.g. the digit, or "z3 (KL 4.1)"). */
  rowLabels?: string[];
}

/** Any figure. */
export type Figure = LineFigure | ScatterFigure | ImageGridFigure;
