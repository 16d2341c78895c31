import * as tf from '@tensorflow/tfjs-core';

/** Padding attribute of tfjs's `Conv2D` / `Conv2DBackpropInput` kernels. */
export type ConvPad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** Rounding attribute of tfjs's conv kernels (used with a numeric `pad`). */
export type DimRounding = 'floor' | 'round' | 'ceil' | undefined;

/** `s` or `[sh, sw]` as a pair. */
export function pair(v: number | readonly [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/**
 * One spatial axis of a 2-D convolution with dilation 1, as tfjs's kernels compute it: output
 * position `o` reads input positions `o·s − before + t` for the taps `t = 0 … k − 1` (zeros
 * outside `[0, n)`).
 */
export interface ConvAxis {
  /** Input length. */
  n: number;
  /** Kernel length. */
  k: number;
  /** Stride. */
  s: number;
  /** Zero rows (columns) before the input. */
  before: number;
  /** Output length. */
  out: number;
  /**
   * Zero rows after the input that the last output reads, `(out − 1)·s + k − before − n`;
   * negative when the last input rows are never read (e.g. `'valid'` with a stride).
   */
  after: number;
}

/**
 * The two spatial axes (rows, columns) of a 2-D NHWC convolution of `xShape` by `filterShape`,
 * from tfjs's own `computeConv2DInfo`, so that `'same'`, `'valid'`, numeric and explicit padding
 * and the rounding mode agree with the forward kernel exactly (including its quirk of sizing
 * both output axes with the kernel height and stride for a numeric `pad`).
 */
export function convAxes(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode: DimRounding,
): [ConvAxis, ConvAxis] {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const axis = (n: number, k: number, s: number, before: number, out: number): ConvAxis => ({
    n,
    k,
    s,
    before,
    out,
    after: (out - 1) * s + k - before - n,
  });
  return [
    axis(info.inHeight, info.filterHeight, info.strideHeight, info.padInfo.top, info.outHeight),
    axis(info.inWidth, info.filterWidth, info.strideWidth, info.padInfo.left, info.outWidth),
  ];
}

/**
 * Pads (positive amounts) or crops (negative amounts) axes 1 and 2 of an NHWC tensor by
 * `[before, after]` per axis: crops with `slice` now and returns the padding, all ≥ 0, for the
 * caller to hand to `conv2d` as explicit padding (which costs nothing there).
 */
export function cropForPadding(
  x: tf.Tensor4D,
  rows: readonly [number, number],
  cols: readonly [number, number],
): { x: tf.Tensor4D; pad: tf.backend_util.ExplicitPadding } {
  const [n, h, w, c] = x.shape;
  const [r0, r1, c0, c1] = [rows[0], rows[1], cols[0], cols[1]].map((v) => Math.max(-v, 0)) as [
    number,
    number,
    number,
    number,
  ];
  const cropped =
    r0 || r1 || c0 || c1
      ? tf.slice(x, [0, r0, c0, 0], [n, Math.max(h - r0 - r1, 0), Math.max(w - c0 - c1, 0), c])
      : x;
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(rows[0], 0), Math.max(rows[1], 0)],
    [Math.max(cols[0], 0), Math.max(cols[1], 0)],
    [0, 0],
  ];
  return { x: cropped, pad };
}
