// Test support (not exported): naive float64 NHWC convolutions written from the definitions,
// as independent references for conv2d and conv2dTranspose.

export interface Tensor4 {
  shape: [number, number, number, number];
  data: ArrayLike<number>;
}

const at4 = (s: readonly number[], a: number, b: number, c: number, d: number): number =>
  ((a * s[1]! + b) * s[2]! + c) * s[3]! + d;

/**
 * y[n, i, j, co] = Σ x[n, i·s − top + a, j·s − left + b, ci] · w[a, b, ci, co] (zero outside x),
 * filter [kh, kw, cin, cout].
 */
export function refConv2d(
  x: Tensor4,
  w: Tensor4,
  stride: number,
  top: number,
  left: number,
  outH: number,
  outW: number,
): Float64Array {
  const [n, h, wd, cin] = x.shape;
  const [kh, kw, , cout] = w.shape;
  const y = new Float64Array(n * outH * outW * cout);
  const ys = [n, outH, outW, cout];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < outH; i++)
      for (let j = 0; j < outW; j++)
        for (let co = 0; co < cout; co++) {
          let s = 0;
          for (let a = 0; a < kh; a++)
            for (let c = 0; c < kw; c++) {
              const r = i * stride - top + a;
              const q = j * stride - left + c;
              if (r < 0 || r >= h || q < 0 || q >= wd) continue;
              for (let ci = 0; ci < cin; ci++) {
                s += x.data[at4(x.shape, b, r, q, ci)]! * w.data[at4(w.shape, a, c, ci, co)]!;
              }
            }
          y[at4(ys, b, i, j, co)] = s;
        }
  return y;
}

/**
 * Transposed convolution by scattering: every input pixel adds x[n, i, j, ci] · w[a, b, co, ci]
 * to y[n, i·s − top + a, j·s − left + b, co] (dropped outside the output), filter
 * [kh, kw, cout, cin]. This is the adjoint of refConv2d with the same stride and padding.
 */
export function refConv2dTranspose(
  x: Tensor4,
  w: Tensor4,
  stride: number,
  top: number,
  left: number,
  outH: number,
  outW: number,
): Float64Array {
  const [n, h, wd, cin] = x.shape;
  const [kh, kw, cout] = w.shape;
  const ys = [n, outH, outW, cout];
  const y = new Float64Array(n * outH * outW * cout);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < wd; j++)
        for (let a = 0; a < kh; a++)
          for (let c = 0; c < kw; c++) {
            const r = i * stride - top + a;
            const q = j * stride - left + c;
            if (r < 0 || r >= outH || q < 0 || q >= outW) continue;
            for (let co = 0; co < cout; co++)
              for (let ci = 0; ci < cin; ci++) {
                y[at4(ys, b, r, q, co)]! +=
                  x.data[at4(x.shape, b, i, j, ci)]! * w.data[at4(w.shape, a, c, co, ci)]!;
              }
          }
  return y;
}

/** TensorFlow's 'same' padding before the first row: ⌊max((out−1)·s + k − n, 0) / 2⌋. */
export function samePadBefore(n: number, k: number, s: number): number {
  const out = Math.ceil(n / s);
  return Math.floor(Math.max((out - 1) * s + k - n, 0) / 2);
}
