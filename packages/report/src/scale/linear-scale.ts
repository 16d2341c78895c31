/** A linear map from a data interval to a pixel interval, with its inverse. */
export interface LinearScale {
  /** Data value → pixel. */
  (value: number): number;
  /** The data interval [d0, d1]. */
  domain: [number, number];
  /** The pixel interval [r0, r1] (r0 > r1 for a y axis that grows upwards). */
  range: [number, number];
  /** Pixel → data value (the middle of the domain for a degenerate domain). */
  invert(pixel: number): number;
}

/**
 * The affine map sending `domain[0]` to `range[0]` and `domain[1]` to `range[1]` (it extrapolates
 * outside the domain). A degenerate domain (d0 = d1) maps everything to the middle of the range.
 *
 * @example
 * ```ts
 * const sy = linearScale([0, 100], [300, 20]); // y grows upwards on screen
 * sy(50); // 160
 * sy.invert(160); // 50
 * ```
 */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((v: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  f.domain = [d0, d1];
  f.range = [r0, r1];
  f.invert = (p: number) =>
    span === 0 || r1 === r0 ? (d0 + d1) / 2 : d0 + ((p - r0) / (r1 - r0)) * span;
  return f;
}
