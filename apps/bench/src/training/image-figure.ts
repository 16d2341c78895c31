import type { ImageGridFigure } from '@latentkit/report';

/**
 * Converts intensities in [0, 1] to bytes 0–255 (rounded; values outside [0, 1] are clamped,
 * NaN becomes 0).
 */
export function toGreyBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isNaN(v) ? 0 : Math.round(Math.min(1, Math.max(0, v)) * 255);
  }
  return out;
}

/** What {@link imageFigure} needs besides the pixels. */
export interface ImageFigureOptions {
  title: string;
  caption?: string;
  rows: number;
  cols: number;
  /** Image height. Default 28. */
  height?: number;
  /** Image width. Default 28. */
  width?: number;
  rowLabels?: string[];
}

/**
 * An {@link ImageGridFigure} from `rows·cols` images of intensities in [0, 1] (e.g. decoder means
 * read from a tensor with `dataSync()`), image-major in row order.
 *
 * @throws {RangeError} if the number of values is not `rows·cols·height·width`, or there are
 *   row labels but not one per row.
 */
export function imageFigure(
  values: ArrayLike<number>,
  options: ImageFigureOptions,
): ImageGridFigure {
  const height = options.height ?? 28;
  const width = options.width ?? 28;
  const expected = options.rows * options.cols * height * width;
  if (values.length !== expected) {
    throw new RangeError(
      `${options.title}: ${values.length} values for ${options.rows}×${options.cols} images of ${height}×${width} (${expected})`,
    );
  }
  if (options.rowLabels && options.rowLabels.length !== options.rows) {
    throw new RangeError(
      `${options.title}: ${options.rowLabels.length} row labels for ${options.rows} rows`,
    );
  }
  return {
    kind: 'images',
    title: options.title,
    ...(options.caption ? { caption: options.caption } : {}),
    rows: options.rows,
    cols: options.cols,
    height,
    width,
    pixels: Buffer.from(toGreyBytes(values)).toString('base64'),
    ...(options.rowLabels ? { rowLabels: options.rowLabels } : {}),
  };
}
