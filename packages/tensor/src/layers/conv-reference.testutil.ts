// Test support (not exported): naive float64 NHWC convolutions written from the definitions,
// as independent references for conv2d and conv2dTranspose.
import type * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

export interface Tensor4 {
  shape: [number, number, number, number];
  data: ArrayLike<number>;
}

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number): number =>
  ((a * s[1]! + b) * s[2]! + c) * s[3]! + d;

/**
 * The loops both references share. For every example b, every position (i, j) of the strided
 * grid — the output of a convolution, the input of a transposed one — and every filter tap
 * (a, c), the other grid's position is (r, q) = (i·s − top + a, j·s − left + c); taps outside
 * that grid are dropped. Each remaining tap adds x[·, ci] · w[a, c, ·, ·] to y[·, co] for all
 * channel pairs, the filter read as [kh, kw, cin, cout] (conv) or [kh, kw, cout, cin]
 * (transposed). The terms of each output element are added in the order (a, c, ci).
 */
function convolve(
  transposed: boolean,
  x: Tensor4,
  w: Tensor4,
  stride: number,
  top: number,
  left: number,
  outH: number,
  outW: number,
): Float64Array {
  const [n, h, wd, cin] = x.shape;
  const [kh, kw] = w.shape;
  const cout = transposed ? w.shape[2] : w.shape[3];
  const ys = [n, outH, outW, cout];
  const y = new Float64Array(n * outH * outW * cout);
  const [gridH, gridW, otherH, otherW] = transposed ? [h, wd, outH, outW] : [outH, outW, h, wd];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < gridH; i++)
      for (let j = 0; j < gridW; j++)
        for (let a = 0; a < kh; a++)
          for (let c = 0; c < kw; c++) {
            const r = i * stride - top + a;
            const q = j * stride - left + c;
            if (r < 0 || r >= otherH || q < 0 || q >= otherW) continue;
            const [yi, yj, xi, xj] = transposed ? [r, q, i, j] : [i, j, r, q];
            for (let co = 0; co < cout; co++)
              for (let ci = 0; ci < cin; ci++) {
                const wAt = transposed ? at4(w.shape, a, c, co, ci) : at4(w.shape, a, c, ci, co);
                y[at4(ys, b, yi, yj, co)]! += x.data[at4(x.shape, b, xi, xj, ci)]! * w.data[wAt]!;
              }
          }
  return y;
}

/** Stride, padding before the first row and column, and output height and width. */
type Geometry = [stride: number, top: number, left: number, outH: number, outW: number];

/**
 * y[n, i, j, co] = Σ x[n, i·s − top + a, j·s − left + b, ci] · w[a, b, ci, co] (zero outside x),
 * filter [kh, kw, cin, cout].
 */
export function refConv2d(x: Tensor4, w: Tensor4, ...geometry: Geometry): Float64Array {
  return convolve(false, x, w, ...geometry);
}

/**
 * Transposed convolution by scattering: every input pixel adds x[n, i, j, ci] · w[a, b, co, ci]
 * to y[n, i·s − top + a, j·s − left + b, co] (dropped outside the output), filter
 * [kh, kw, cout, cin]. This is the adjoint of refConv2d with the same stride and padding.
 */
export function refConv2dTranspose(x: Tensor4, w: Tensor4, ...geometry: Geometry): Float64Array {
  return convolve(true, x, w, ...geometry);
}

/** A tfjs NHWC tensor's shape and values, for the references. */
export function toTensor4(t: tf.Tensor): Tensor4 {
  return { shape: t.shape as [number, number, number, number], data: t.dataSync() };
}

/**
 * Checks a conv layer's NHWC output `y` against a float64 `reference` of the same layout plus
 * `bias` (one value per output channel), element-wise to 1e-5.
 */
export function expectConvOutput(y: tf.Tensor, reference: Float64Array, bias: tf.Tensor): void {
  const channels = y.shape[3]!;
  const b = bias.dataSync();
  const yv = y.dataSync();
  reference.forEach((r, i) => {
    expect(Math.abs(yv[i]! - (r + b[i % channels]!))).toBeLessThan(1e-5);
  });
}

/** TensorFlow's 'same' padding before the first row: ⌊max((out−1)·s + k − n, 0) / 2⌋. */
export function samePadBefore(n: number, k: number, s: number): number {
  const out = Math.ceil(n / s);
  return Math.floor(Math.max((out - 1) * s + k - n, 0) / 2);
}
