import { InvalidArgumentError, NumericalError, requireKnownOptions } from '@latentkit/core';
import { centeredScatter, columnStats } from './covariance.js';
import { assertFinite, type DenseMatrix } from './dense-matrix.js';
import type { ScatterWorkers } from './scatter-workers.js';
import { type ScatterPartial, SparseScatterKernel } from './sparse-scatter.js';

/** Which kernel computes the scatter matrix (see {@link ScatterMatrixOptions.engine}). */
export type ScatterEngine = 'auto' | 'js' | 'wasm' | 'sparse' | 'dense';

/** Options of {@link scatterMatrix}. */
export interface ScatterMatrixOptions {
  /**
   * `'js'`: float64 JavaScript (small problems). `'wasm'`: dense float32 products on the active
   * tfjs backend, after a separate column-statistics pass. `'sparse'`: latentkit's own wasm SIMD
   * kernel that skips zero entries and computes the column statistics in the same pass.
   * `'dense'`: latentkit's own register-tiled wasm SIMD kernel for dense rows (columns shifted
   * by a sample mean, float32 products summed over blocks of 64 rows, then in float64), with
   * the column statistics in the same pass. `'auto'` (default): `'js'` when `n·d² < 2·10⁷`,
   * otherwise `'sparse'` or `'dense'`, whichever a cost model fed by the measured density of a
   * sample of rows predicts faster.
   */
  engine?: ScatterEngine;
  /**
   * Extra threads for the `'sparse'` and `'dense'` kernels (Node: `createScatterWorkers()` from
   * `@latentkit/pca/node`). The rows are split between the calling thread and the workers.
   */
  workers?: ScatterWorkers;
}

/** Result of {@link scatterMatrix}. */
export interface ScatterMatrixResult {
  /** Column means, `[d]` (float64; a constant column's mean is its value exactly). */
  mean: Float64Array;
  /** Indices of the non-constant columns. */
  active: Int32Array;
  /** Centered scatter `Σ (x − μ)(x − μ)ᵀ` over the active columns, `a × a` symmetric, float64. */
  scatter: Float64Array;
  /** The kernel that was used. */
  engine: 'js' | 'wasm' | 'sparse' | 'dense';
}

// Measured on MNIST-sized problems (2-core AMD EPYC, Node 20): the sparse kernel performs about
// 0.6·10⁹ four-wide updates per second per thread; the dense kernel at least 6·10⁹ multiply-adds
// per second per thread on the lower triangle (n·d²/2 = 1.8·10¹⁰ for 60000 × 784 took 2.4–3.6 s
// on one thread of a heavily loaded machine).
const SPARSE_UPDATES_PER_S = 0.6e9;
const DENSE_MACS_PER_S = 6e9;
/** Largest `E[(x−c)²] / Var(x)` accepted from the shifted (uncentered) float32 sums. */
const MAX_CANCELLATION = 64;
const SAMPLE_ROWS = 512;

interface SparsePlan {
  shift: Float32Array;
  /** Sample column means (the dense kernel's shift). */
  sampleMean: Float32Array;
  /** Predicted seconds (one thread) of the sparse and of the dense kernel. */
  sparseSeconds: number;
  denseSeconds: number;
}

/**
 * Chooses each column's shift `c` from a sample of rows — 0 (keeps zeros sparse) unless the
 * column's offset is large against its spread, then the sample mean — and predicts both
 * engines' run times from the density of the shifted sample.
 */
function planSparse(m: DenseMatrix): SparsePlan {
  const { data, rows: n, cols: d } = m;
  const step = Math.max(1, Math.floor(n / SAMPLE_ROWS));
  const sampled: number[] = [];
  for (let i = 0; i < n && sampled.length < SAMPLE_ROWS; i += step) sampled.push(i);
  const s1 = new Float64Array(d);
  const s2 = new Float64Array(d);
  for (const i of sampled)
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] as number;
      s1[j] = (s1[j] as number) + v;
      s2[j] = (s2[j] as number) + v * v;
    }
  const shift = new Float32Array(d);
  const sampleMean = new Float32Array(d);
  const ns = sampled.length;
  for (let j = 0; j < d; j++) {
    const mu = (s1[j] as number) / ns;
    sampleMean[j] = mu;
    const second = (s2[j] as number) / ns;
    const variance = Math.max(0, second - mu * mu);
    // A constant (in the sample) or strongly offset column is shifted by its sample mean.
    if (mu !== 0 && (variance === 0 || second / variance > 16)) shift[j] = mu;
  }
  // Work of the kernel per row: for each nonzero, the nonzero 4-column chunks up to its own.
  const nc = Math.ceil(d / 4);
  const chunk = new Uint8Array(nc);
  let updates = 0;
  for (const i of sampled) {
    chunk.fill(0);
    for (let j = 0; j < d; j++) if ((data[i * d + j] as number) !== shift[j]) chunk[j >> 2] = 1;
    let listed = 0;
    for (let c = 0; c < nc; c++)
      if (chunk[c]) {
        listed++;
        for (let j = 4 * c; j < Math.min(d, 4 * c + 4); j++)
          if ((data[i * d + j] as number) !== shift[j]) updates += listed;
      }
  }
  return {
    shift,
    sampleMean,
    sparseSeconds: ((updates / ns) * n) / SPARSE_UPDATES_PER_S,
    denseSeconds: (0.5 * n * d * d) / DENSE_MACS_PER_S,
  };
}

/** Sums the partial results of several row ranges (same shift). */
function combine(parts: readonly ScatterPartial[]): ScatterPartial {
  const [first, ...rest] = parts as [ScatterPartial, ...ScatterPartial[]];
  for (const p of rest) {
    for (let i = 0; i < p.scatter.length; i++)
      first.scatter[i] = (first.scatter[i] as number) + (p.scatter[i] as number);
    for (let j = 0; j < p.dp; j++) {
      first.sum[j] = (first.sum[j] as number) + (p.sum[j] as number);
      first.min[j] = Math.min(first.min[j] as number, p.min[j] as number);
      first.max[j] = Math.max(first.max[j] as number, p.max[j] as number);
    }
    for (let c = 0; c < p.chunkRows.length; c++)
      first.chunkRows[c] = (first.chunkRows[c] as number) + (p.chunkRows[c] as number);
    first.rows += p.rows;
  }
  return first;
}

function runKernel(
  m: DenseMatrix,
  shift: Float32Array,
  workers: ScatterWorkers | undefined,
  dense: boolean,
): ScatterMatrixResult | undefined {
  const { data, rows: n, cols: d } = m;
  const threads = 1 + (workers?.size ?? 0);
  // Each worker takes an equal share of the rows from the end; this thread does the rest.
  const share = threads > 1 && n >= 4096 ? Math.floor(n / threads) : 0;
  const mine = n - share * (threads - 1);
  const pending = share > 0 && workers ? workers.start(m, shift, mine, share, dense) : undefined;
  const kernel = new SparseScatterKernel(d, shift, { dense });
  kernel.addRows(data, 0, mine);
  const parts = [kernel.result(), ...(pending ? pending() : [])];
  const total = combine(parts);
  const { dp, sum, min, max, chunkRows, scatter: raw } = total;
  for (let j = 0; j < d; j++) if (!Number.isFinite(sum[j] as number)) assertFinite(data, 'x');
  const mean = new Float64Array(d);
  const active: number[] = [];
  for (let j = 0; j < d; j++) {
    const cnt = chunkRows[j >> 2] as number;
    const lo = min[j] as number;
    const hi = max[j] as number;
    const constant = cnt === 0 || (lo === hi && (cnt === n || lo === 0));
    if (constant) mean[j] = data[j] as number;
    else {
      mean[j] = (shift[j] as number) + (sum[j] as number) / n;
      active.push(j);
    }
  }
  const a = active.length;
  const scatter = new Float64Array(a * a);
  for (let p = 0; p < a; p++) {
    const jp = active[p] as number;
    const sp = sum[jp] as number;
    for (let q = 0; q <= p; q++) {
      const jq = active[q] as number;
      const v = (raw[jp * dp + jq] as number) - (sp * (sum[jq] as number)) / n;
      scatter[p * a + q] = v;
      scatter[q * a + p] = v;
    }
    // Too much cancellation between the shifted sums: let the caller use a centered engine.
    const centered = scatter[p * a + p] as number;
    if (!(centered > 0) || (raw[jp * dp + jp] as number) > MAX_CANCELLATION * centered)
      return undefined;
  }
  return { mean, active: Int32Array.from(active), scatter, engine: dense ? 'dense' : 'sparse' };
}

/**
 * Column means, non-constant columns and the centered scatter matrix of `m` in one call, with
 * the engine chosen by {@link ScatterMatrixOptions.engine}.
 *
 * The `'sparse'` engine accumulates the shifted sums `Σ (x − c)(x − c)ᵀ` and `Σ (x − c)` (`c` = 0
 * for most columns, so zeros stay zeros) in float32 partial sums of ≤ 512 rows added into float64,
 * then centers in float64: `S = Σ (x − c)(x − c)ᵀ − N (μ − c)(μ − c)ᵀ`. If a column's
 * `Σ (x − c)²` exceeds 64× its centered value (so float32 rounding could matter), it falls back
 * to the centered `'wasm'` engine.
 *
 * @param m - Data `[n, d]`, `n ≥ 1`.
 * @param options - See {@link ScatterMatrixOptions}.
 * @throws {@link NonFiniteError} if `m` holds NaN/±Infinity.
 * @throws {@link InvalidArgumentError} for an unknown engine.
 * @throws {@link NumericalError} if the scatter overflows even in float64 (the float32 engines
 *   fall back to float64 when they overflow, so huge but representable data still works).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { scatterMatrix, toDenseMatrix } from '@latentkit/pca';
 *
 * const m = toDenseMatrix([[1, 2, 5], [3, 2, 7]]); // 2 rows × 3 columns; column 1 is constant
 * const { mean, active, scatter } = scatterMatrix(m);
 * // mean: [2, 2, 6]; active: Int32Array [0, 2]; scatter: [2, 2] over the active columns = [2, 2, 2, 2]
 * ```
 */
export function scatterMatrix(
  m: DenseMatrix,
  options: ScatterMatrixOptions = {},
): ScatterMatrixResult {
  requireKnownOptions(options, ['engine', 'workers'], 'scatterMatrix options');
  let result = scatterWithEngine(m, options);
  if (result.engine !== 'js' && !allFinite(result.scatter)) {
    // The float32 engines overflow on huge values (|x| ≳ 1e19 gives x² above float32's range);
    // float64 holds squares up to ~1e308, so recompute there.
    const stats = columnStats(m);
    result = {
      mean: stats.mean,
      active: stats.active,
      scatter: centeredScatter(m, stats, { engine: 'js' }),
      engine: 'js',
    };
  }
  if (!allFinite(result.scatter)) {
    throw new NumericalError(
      'scatterMatrix: the scatter matrix overflows even in float64 (values above about 1e150 in magnitude); scale the data',
    );
  }
  return result;
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

function scatterWithEngine(m: DenseMatrix, options: ScatterMatrixOptions): ScatterMatrixResult {
  const engine = options.engine ?? 'auto';
  if (!['auto', 'js', 'wasm', 'sparse', 'dense'].includes(engine))
    throw new InvalidArgumentError('engine', `unknown engine ${String(engine)}`);
  const { rows: n, cols: d } = m;
  let chosen: 'js' | 'wasm' | 'sparse' | 'dense' = engine === 'auto' ? 'js' : engine;
  let plan: SparsePlan | undefined;
  if (engine === 'sparse' || engine === 'dense' || (engine === 'auto' && n * d * d >= 2e7)) {
    plan = planSparse(m);
    // Both kernels split rows over the same threads, so the single-thread estimates compare.
    if (engine === 'auto') chosen = plan.sparseSeconds < plan.denseSeconds ? 'sparse' : 'dense';
  }
  if ((chosen === 'sparse' || chosen === 'dense') && plan) {
    const dense = chosen === 'dense';
    const result = runKernel(m, dense ? plan.sampleMean : plan.shift, options.workers, dense);
    if (result) return result;
    chosen = 'wasm';
  }
  const stats = columnStats(m);
  for (const s of stats.mean) if (!Number.isFinite(s)) assertFinite(m.data, 'x');
  const scatter = centeredScatter(m, stats, { engine: chosen === 'js' ? 'js' : 'wasm' });
  return {
    mean: stats.mean,
    active: stats.active,
    scatter,
    engine: chosen === 'js' ? 'js' : 'wasm',
  };
}
