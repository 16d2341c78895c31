import type { ImageGridFigure } from '@latentkit/report';
import { imageFigure } from '../training/image-figure.js';

/** One row of a {@link reconstructionStrip}: a label and its images' intensities in [0, 1]. */
export interface StripRow {
  label: string;
  /** `cols · height · width` values, image-major. */
  images: ArrayLike<number>;
}

/**
 * An image grid with one row per source (e.g. the test images, the float decoder, the RTL's
 * 16-bit outputs, the 8-bit golden model) and one column per example.
 *
 * @throws {RangeError} for no rows, or a row whose length is not `cols · height · width`.
 */
export function reconstructionStrip(
  rows: readonly StripRow[],
  options: { title: string; caption?: string; cols: number; height?: number; width?: number },
): ImageGridFigure {
  if (rows.length === 0) throw new RangeError(`${options.title}: no rows`);
  const size = options.cols * (options.height ?? 28) * (options.width ?? 28);
  const all = new Float64Array(rows.length * size);
  rows.forEach((r, i) => {
    if (r.images.length !== size) {
      throw new RangeError(
        `${options.title}: row '${r.label}' has ${r.images.length} values, expected ${size}`,
      );
    }
    for (let j = 0; j < size; j++) all[i * size + j] = r.images[j]!;
  });
  return imageFigure(all, {
    ...options,
    rows: rows.length,
    rowLabels: rows.map((r) => r.label),
  });
}
