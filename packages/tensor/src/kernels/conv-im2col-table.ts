import { im2colTableCached } from './im2col-table.js';

/** A convolution's shapes as latentkit's wasm conv kernels hold them. */
export interface ConvIm2colShapes {
  /** The input's shape `[N, H, W, Cin]` (N is not used). */
  xShape: readonly number[];
  /** `[kh, kw]`. */
  kernel: readonly [number, number];
  /** `[sh, sw]`. */
  strides: readonly [number, number];
  /** `[top, left]` zero rows and columns before the input. */
  before: readonly [number, number];
  /** `[OH, OW]`. */
  out: readonly [number, number];
}

/**
 * The cached im2col gather table of one image (see `im2colTableCached`) for a convolution given
 * by its shapes, as the im2col blocks and the col2im input gradient both use it.
 *
 * @example
 * ```ts
 * const { table, entries } = convIm2colTable({
 *   xShape: [8, 28, 28, 1], kernel: [3, 3], strides: [1, 1], before: [1, 1], out: [28, 28],
 * });
 * ```
 * @param s - The convolution's shapes.
 * @returns The table (i32 triples `srcByte, dstByte, bytes`) and its number of entries.
 */
export function convIm2colTable(s: ConvIm2colShapes): { table: Int32Array; entries: number } {
  const [, h, w, cin] = s.xShape as [number, number, number, number];
  const [kh, kw] = s.kernel;
  const [sh, sw] = s.strides;
  const [top, left] = s.before;
  const [oh, ow] = s.out;
  return im2colTableCached({ h, w, cin, kh, kw, sh, sw, top, left, oh, ow });
}
