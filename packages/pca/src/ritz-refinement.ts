import type { DenseMatrix } from './dense-matrix.js';
import { projectionKernelModule } from './projection-kernel.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Result of {@link refineOnData}. */
export interface RefinedPairs {
  /** Ritz values: variances `‖Xc·v‖² / (N − 1)` of the refined directions, descending, `[t]`. */
  values: Float64Array;
  /** The refined directions as rows over the active columns, `[t, a]`, orthonormal. */
  vectors: Float64Array;
}

/**
 * Rayleigh–Ritz step on the data itself, in float64: given `t` orthonormal directions `V` (over
 * the `active` columns) found from a scatter matrix, computes `Y = Xc·Vᵀ` from the centered data,
 * eigen-decomposes the small `t × t` matrix `YᵀY / (N − 1)` and rotates `V` by its eigenvectors.
 *
 * Why: an eigenvalue read off a scatter matrix has an absolute error of about the scatter's
 * rounding error times its largest eigenvalue (float32 products: ~1e-6 of it; float64 sums:
 * ~1e-14), so a small eigenvalue loses its relative accuracy — 4e-9 of the largest is off by
 * percents even in float64. The variance of a direction measured on the data is accurate to
 * float64 rounding of the projections, and the direction's own error enters only squared
 * (Rayleigh quotient), so these values are accurate where the scatter's are not. Costs
 * `N·a·t` multiply-adds (one pass over the data), so callers refine only the small eigenvalues.
 *
 * @param m - The data `[N, d]` the scatter was computed from.
 * @param mean - Column means `[d]`.
 * @param active - The non-constant columns, `[a]`.
 * @param vectors - `t` directions as rows of length `a`, orthonormal.
 * @param t - Number of directions.
 */
export function refineOnData(
  m: DenseMatrix,
  mean: Float64Array,
  active: Int32Array,
  vectors: Float64Array,
  t: number,
): RefinedPairs {
  const { rows: n } = m;
  const a = active.length;
  // Float32 data go to the wasm kernel (exact widening); float64 data keep every bit in JS.
  const B =
    m.data instanceof Float32Array
      ? projectedScatter(m, mean, active, vectors, t)
      : projectedScatterJs(m, mean, active, vectors, t);
  for (let r = 0; r < t; r++)
    for (let c = 0; c <= r; c++) {
      const v = (B[r * t + c] as number) / (n - 1);
      B[r * t + c] = v;
      B[c * t + r] = v;
    }
  const eig = symmetricEigen(B, t, t);
  const rotated = new Float64Array(t * a);
  for (let r = 0; r < t; r++)
    for (let c = 0; c < t; c++) {
      const w = eig.vectors[r * t + c] as number;
      if (w === 0) continue;
      const vo = c * a;
      const ro = r * a;
      for (let p = 0; p < a; p++)
        rotated[ro + p] = (rotated[ro + p] as number) + w * (vectors[vo + p] as number);
    }
  return { values: eig.values, vectors: rotated };
}

const BLOCK_ROWS = 256;

/**
 * `YᵀY` (lower triangle, `t × t`) for `Y = Xc·Vᵀ`, the centered data's projections on the `t`
 * directions, in float64: the projections by the wasm SIMD kernel of `projection-kernel.ts` over
 * blocks of rows, their products summed here.
 */
function projectedScatter(
  m: DenseMatrix,
  mean: Float64Array,
  active: Int32Array,
  vectors: Float64Array,
  t: number,
): Float64Array {
  const { data, rows: n, cols: d } = m;
  const a = active.length;
  const dp = 4 * Math.ceil(d / 4);
  const tp = 4 * Math.ceil(t / 4);
  const rb = 4 * dp;
  const x = 0;
  const xc = x + BLOCK_ROWS * rb;
  const vt = xc + (BLOCK_ROWS + 1) * 2 * rb;
  const mu = vt + tp * 2 * rb;
  const y = mu + 2 * rb;
  const bytes = y + (BLOCK_ROWS + 1) * tp * 8;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const { exports } = new WebAssembly.Instance(projectionKernelModule(), { env: { memory } });
  const project = exports.project as (...args: number[]) => void;
  const buf = memory.buffer;
  const directions = new Float64Array(buf, vt, tp * dp);
  for (let r = 0; r < t; r++)
    for (let p = 0; p < a; p++)
      directions[r * dp + (active[p] as number)] = vectors[r * a + p] as number;
  new Float64Array(buf, mu, dp).set(mean.subarray(0, d));
  const stage = new Float32Array(buf, x, BLOCK_ROWS * dp);
  const Y = new Float64Array(buf, y, (BLOCK_ROWS + 1) * tp);
  const B = new Float64Array(t * t);
  for (let b0 = 0; b0 < n; b0 += BLOCK_ROWS) {
    const nb = Math.min(BLOCK_ROWS, n - b0);
    if (dp === d) stage.set(data.subarray(b0 * d, (b0 + nb) * d));
    else
      for (let r = 0; r < nb; r++) stage.set(data.subarray((b0 + r) * d, (b0 + r + 1) * d), r * dp);
    project(x, nb, rb, mu, xc, vt, tp, y);
    for (let i = 0; i < nb; i++) {
      const yo = i * tp;
      for (let r = 0; r < t; r++) {
        const yr = Y[yo + r] as number;
        const bo = r * t;
        for (let c = 0; c <= r; c++) B[bo + c] = (B[bo + c] as number) + yr * (Y[yo + c] as number);
      }
    }
  }
  return B;
}

/** {@link projectedScatter} in JavaScript, for float64 data. */
function projectedScatterJs(
  m: DenseMatrix,
  mean: Float64Array,
  active: Int32Array,
  vectors: Float64Array,
  t: number,
): Float64Array {
  const { data, rows: n, cols: d } = m;
  const a = active.length;
  const B = new Float64Array(t * t);
  const x = new Float64Array(a);
  const y = new Float64Array(t);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let p = 0; p < a; p++) {
      const j = active[p] as number;
      x[p] = (data[off + j] as number) - (mean[j] as number);
    }
    for (let r = 0; r < t; r++) {
      let s = 0;
      const vo = r * a;
      for (let p = 0; p < a; p++) s += (vectors[vo + p] as number) * (x[p] as number);
      y[r] = s;
    }
    for (let r = 0; r < t; r++) {
      const yr = y[r] as number;
      for (let c = 0; c <= r; c++) B[r * t + c] = (B[r * t + c] as number) + yr * (y[c] as number);
    }
  }
  return B;
}
