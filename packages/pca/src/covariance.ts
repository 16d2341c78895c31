import { requireKnownOptions } from '@latentkit/core';
import { tf } from '@latentkit/tensor';
import type { DenseMatrix } from './dense-matrix.js';

/** Column statistics from one pass over the data. */
export interface ColumnStats {
  /** Column means, length `d` (float64). */
  mean: Float64Array;
  /** Indices of columns that are not constant (all other columns have zero variance). */
  active: Int32Array;
}

/**
 * Column means (accumulated in float64) and the list of non-constant columns of `m`.
 * Constant columns contribute nothing to the covariance, so the heavy product skips them
 * (on MNIST 67 of 784 pixels are always 0 in the training set).
 *
 * @param m - Data `[n, d]`, `n ≥ 1`.
 */
export function columnStats(m: DenseMatrix): ColumnStats {
  const { data, rows: n, cols: d } = m;
  const sum = new Float64Array(d);
  const first = data.subarray(0, d);
  const varies = new Uint8Array(d);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[off + j] as number;
      sum[j] = (sum[j] as number) + v;
      if (v !== first[j]) varies[j] = 1;
    }
  }
  const mean = new Float64Array(d);
  const active: number[] = [];
  for (let j = 0; j < d; j++) {
    mean[j] = (sum[j] as number) / n;
    if (varies[j]) active.push(j);
    // A constant column's mean is its value exactly (avoids n·v/n rounding).
    else mean[j] = first[j] as number;
  }
  return { mean, active: Int32Array.from(active) };
}

/** Options of {@link centeredScatter}. */
export interface ScatterOptions {
  /**
   * `'wasm'` runs the products on the active tfjs backend in float32 blocks (accumulated in
   * float64); `'js'` computes everything in float64 JavaScript; `'auto'` (default) uses `'js'`
   * when `n·a² < 2·10⁷` (a = active columns) and the tfjs backend otherwise.
   */
  engine?: 'auto' | 'js' | 'wasm';
  /** Rows per block for the tfjs path. Default 2048. */
  blockRows?: number;
}

/**
 * The centered scatter matrix `S = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ` restricted to the `active` columns,
 * as a full symmetric `a × a` float64 array (row-major). Divide by `n − 1` for the sample
 * covariance.
 *
 * The tfjs path centers each block of rows in float64, rounds it to float32, and multiplies
 * `Xbᵀ · Xb` with explicit transposes (the transposed-`matMul` flags are ~12× slower on wasm),
 * only for the lower block triangle: the columns are cut into 4 equal strips and columns `sᵢ…a`
 * are multiplied by strip `i` (≈ 62% of the full product's work). Block results are summed in
 * float64, so the error is that of a float32 dot product of `blockRows` terms (~1e-6 relative).
 *
 * @param m - Data `[n, d]`.
 * @param stats - Output of {@link columnStats} for `m` (or any mean and column subset).
 * @param options - See {@link ScatterOptions}.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function centeredScatter(
  m: DenseMatrix,
  stats: ColumnStats,
  options: ScatterOptions = {},
): Float64Array {
  requireKnownOptions(options, ['engine', 'blockRows'], 'centeredScatter options');
  if (scatterArithmetic(m, stats, options) === 'float64') return scatterJs(m, stats);
  return scatterTf(m, stats, options.blockRows ?? 2048);
}

/**
 * The arithmetic {@link centeredScatter} will use for `m` with `options`: `'float64'` for the
 * JavaScript path, `'float32'` for the products on the tfjs backend.
 */
export function scatterArithmetic(
  m: DenseMatrix,
  stats: ColumnStats,
  options: ScatterOptions = {},
): 'float32' | 'float64' {
  const a = stats.active.length;
  const engine = options.engine ?? 'auto';
  return engine === 'js' || (engine === 'auto' && m.rows * a * a < 2e7) ? 'float64' : 'float32';
}

/**
 * Float64 scatter that skips zeros. Each column is shifted by `c` = 0 when at least half of its
 * values are 0 (so zeros stay zeros and are skipped), else by its mean; then
 * `S = Σ (x − c)(x − c)ᵀ − N (μ − c)(μ − c)ᵀ`. With ≥ half zeros, `(μ − c)² ≤ E[(x − c)²] / 2`
 * (Cauchy–Schwarz), so the subtraction cancels at most one bit: as accurate as centering first,
 * and on MNIST-like data (~19 % nonzero) about 25× less work than the dense loop.
 */
function scatterJs(m: DenseMatrix, stats: ColumnStats): Float64Array {
  const { data, rows: n, cols: d } = m;
  const { mean, active } = stats;
  const a = active.length;
  const zeros = new Int32Array(a);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let p = 0; p < a; p++)
      if ((data[off + (active[p] as number)] as number) === 0) zeros[p] = (zeros[p] as number) + 1;
  }
  const shift = new Float64Array(a);
  for (let p = 0; p < a; p++)
    shift[p] = 2 * (zeros[p] as number) >= n ? 0 : (mean[active[p] as number] as number);
  const S = new Float64Array(a * a);
  const sum = new Float64Array(a);
  const idx = new Int32Array(a);
  const val = new Float64Array(a);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let nz = 0;
    for (let p = 0; p < a; p++) {
      const v = (data[off + (active[p] as number)] as number) - (shift[p] as number);
      if (v !== 0) {
        idx[nz] = p;
        val[nz++] = v;
        sum[p] = (sum[p] as number) + v;
      }
    }
    for (let s = 0; s < nz; s++) {
      const vp = val[s] as number;
      const ro = (idx[s] as number) * a;
      for (let t = s; t < nz; t++) {
        const o = ro + (idx[t] as number);
        S[o] = (S[o] as number) + vp * (val[t] as number);
      }
    }
  }
  for (let p = 0; p < a; p++) {
    const ro = p * a;
    const sp = (sum[p] as number) / n;
    for (let q = p; q < a; q++) S[ro + q] = (S[ro + q] as number) - sp * (sum[q] as number);
  }
  mirrorUpper(S, a);
  return S;
}

function mirrorUpper(S: Float64Array, a: number): void {
  for (let p = 0; p < a; p++) for (let q = p + 1; q < a; q++) S[q * a + p] = S[p * a + q] as number;
}

function scatterTf(m: DenseMatrix, stats: ColumnStats, blockRows: number): Float64Array {
  const { data, rows: n, cols: d } = m;
  const { mean, active } = stats;
  const a = active.length;
  const B = Math.max(1, Math.min(blockRows, n));
  // Equal-width column strips; strip s multiplies columns s0..a (left) by its own columns.
  const strips = a >= 256 ? 4 : 1;
  const bounds: number[] = [];
  for (let s = 0; s <= strips; s++) bounds.push(Math.round((a * s) / strips));
  const S = new Float64Array(a * a);
  // xt: the centered block transposed (a × B); rows s0..a of it are strip s's left operand.
  // xs[s]: the block's columns s0..s1 (B × h), the right operand. tfjs-wasm packs the right
  // operand of every new product (cost ∝ its size), so it is kept narrow, and every operand is
  // a contiguous array (tf.slice copies are slow on wasm).
  const xt = new Float32Array(a * B);
  const xs: Float32Array[] = [];
  for (let s = 0; s < strips; s++)
    xs.push(new Float32Array(B * ((bounds[s + 1] as number) - (bounds[s] as number))));
  const TILE = 16;
  const tile = new Float32Array(TILE * a);
  const mu = new Float64Array(a);
  for (let p = 0; p < a; p++) mu[p] = mean[active[p] as number] as number;
  for (let r0 = 0; r0 < n; r0 += B) {
    const rb = Math.min(B, n - r0);
    if (rb < B) {
      // Rows beyond n stay zero and add nothing.
      xt.fill(0);
      for (const x of xs) x.fill(0);
    }
    for (let t0 = 0; t0 < rb; t0 += TILE) {
      const tr = Math.min(TILE, rb - t0);
      for (let r = 0; r < tr; r++) {
        const off = (r0 + t0 + r) * d;
        const to = r * a;
        for (let p = 0; p < a; p++)
          tile[to + p] = (data[off + (active[p] as number)] as number) - (mu[p] as number);
        for (let s = 0; s < strips; s++) {
          const s0 = bounds[s] as number;
          const h = (bounds[s + 1] as number) - s0;
          (xs[s] as Float32Array).set(tile.subarray(to + s0, to + s0 + h), (t0 + r) * h);
        }
      }
      // Transpose the tile: short contiguous runs of `tr` values per output row.
      for (let p = 0; p < a; p++) {
        const o = p * B + t0;
        for (let r = 0; r < tr; r++) xt[o + r] = tile[r * a + p] as number;
      }
    }
    // Strip s: Xb[:, s0:a]ᵀ · Xb[:, s0:s1] = S[s0:a, s0:s1] (the lower block triangle).
    const products = tf.tidy(() => {
      const out: tf.Tensor[] = [];
      for (let s = 0; s < strips; s++) {
        const s0 = bounds[s] as number;
        const h = (bounds[s + 1] as number) - s0;
        const left = tf.tensor2d(xt.subarray(s0 * B), [a - s0, B]);
        const right = tf.tensor2d(xs[s] as Float32Array, [B, h]);
        out.push(tf.matMul(left, right));
      }
      return out;
    });
    for (let s = 0; s < strips; s++) {
      const s0 = bounds[s] as number;
      const h = (bounds[s + 1] as number) - s0;
      const t = products[s] as tf.Tensor;
      const v = t.dataSync();
      t.dispose();
      for (let q = s0; q < a; q++) {
        const vo = (q - s0) * h - s0;
        const ro = q * a;
        const pEnd = Math.min(q + 1, s0 + h);
        for (let p = s0; p < pEnd; p++) S[ro + p] = (S[ro + p] as number) + (v[vo + p] as number);
      }
    }
  }
  // Mirror the lower triangle into the upper one.
  for (let q = 0; q < a; q++) for (let p = 0; p < q; p++) S[p * a + q] = S[q * a + p] as number;
  return S;
}
