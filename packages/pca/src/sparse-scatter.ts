import { scatterKernelBytes } from './scatter-kernel.js';

/** Raw sums of one (internal) `SparseScatterKernel` run over some rows (float64 unless noted). */
export interface ScatterPartial {
  /** Padded column count `dp` (d rounded up to a multiple of 4). */
  dp: number;
  /** Rows accumulated. */
  rows: number;
  /** `Σ (x − c)(x − c)ᵀ`, `dp × dp` row-major; only entries `[p, q]` with `q ≤ p` are valid. */
  scatter: Float64Array;
  /** `Σ (x − c)` per column, `[dp]`. */
  sum: Float64Array;
  /** Smallest `x − c` per column over the rows where its 4-column chunk was nonzero, `[dp]`. */
  min: Float32Array;
  /** Largest `x − c` per column over the rows where its 4-column chunk was nonzero, `[dp]`. */
  max: Float32Array;
  /** Per 4-column chunk: number of rows in which the chunk held a nonzero, `[dp / 4]`. */
  chunkRows: Int32Array;
}

const PAGE = 65536;
/** Rows per block of the dense kernel: 64 rows of 784 float32 columns (200 KB) stay in L2. */
export const DENSE_BLOCK_ROWS = 64;
const align = (n: number) => Math.ceil(n / 64) * 64;

/** Byte layout of one kernel's memory for `nc` chunks and `blockRows` staged rows. */
export function scatterLayout(nc: number, blockRows: number) {
  const rb = 16 * nc;
  const list = align(rb);
  const shift = align(list + 4 * nc);
  const cnt = align(shift + rb);
  const vmin = align(cnt + 4 * nc);
  const vmax = align(vmin + rb);
  const sum = align(vmax + rb);
  const s32 = align(sum + 2 * rb);
  const s64 = align(s32 + 4 * nc * rb);
  const x = align(s64 + 8 * nc * rb);
  const bytes = x + blockRows * rb;
  return { rb, list, shift, cnt, vmin, vmax, sum, s32, s64, x, bytes };
}

const moduleCache = new Map<boolean, WebAssembly.Module>();

/**
 * The compiled kernel module (cached). A shared module imports a shared memory of any size up
 * to 4 GiB; the other imports any non-shared memory.
 */
export function scatterKernelModule(shared: boolean): WebAssembly.Module {
  let mod = moduleCache.get(shared);
  if (mod === undefined) {
    const memory = shared ? { initial: 1, maximum: 65536, shared } : { initial: 1 };
    mod = new WebAssembly.Module(scatterKernelBytes(memory) as BufferSource);
    moduleCache.set(shared, mod);
  }
  return mod;
}

/** Number of 64 KiB pages a kernel for `d` columns and `blockRows` staged rows needs. */
export function scatterPages(d: number, blockRows: number): number {
  return Math.ceil(scatterLayout(Math.ceil(d / 4), blockRows).bytes / PAGE);
}

/**
 * Accumulates the shifted scatter `Σ (x − c)(x − c)ᵀ` of rows of a dense matrix with a wasm SIMD
 * kernel that skips zero entries of `x − c` (see `scatter-kernel.ts`). Rows are staged in
 * blocks of `blockRows` into the kernel's memory (converted to float32), accumulated in float32,
 * and flushed into a float64 matrix every `flushRows` rows, so each float32 sum has at most
 * `flushRows` terms.
 */
export class SparseScatterKernel {
  readonly d: number;
  readonly dp: number;
  private readonly nc: number;
  private readonly blockRows: number;
  private readonly flushRows: number;
  private readonly layout: ReturnType<typeof scatterLayout>;
  private readonly memory: WebAssembly.Memory;
  private readonly accumulate: (...args: number[]) => void;
  private readonly flush: (...args: number[]) => void;
  private readonly accumulateDense: (...args: number[]) => void;
  /** Whether rows go to the dense kernel (`accumulateDense`) instead of the sparse one. */
  readonly dense: boolean;
  private pending = 0;
  private rows = 0;

  /**
   * @param d - Number of columns.
   * @param shift - Per-column shift `c` (length `d`), rounded to float32.
   * @param options - `blockRows` (default 256; dense: 64) rows staged per kernel call,
   *   `flushRows` (default 512) rows per float32 partial sum of the sparse kernel (the dense one
   *   sums each block in float32), `dense` to use the dense register-tiled kernel, and an optional
   *   `memory` of at least {@link scatterPages} pages (its accumulators are cleared).
   */
  constructor(
    d: number,
    shift: ArrayLike<number>,
    options: {
      blockRows?: number;
      flushRows?: number;
      memory?: WebAssembly.Memory;
      dense?: boolean;
    } = {},
  ) {
    this.d = d;
    this.nc = Math.ceil(d / 4);
    this.dp = 4 * this.nc;
    this.dense = options.dense ?? false;
    this.blockRows = options.blockRows ?? (this.dense ? DENSE_BLOCK_ROWS : 256);
    this.flushRows = Math.max(this.blockRows, options.flushRows ?? 512);
    this.layout = scatterLayout(this.nc, this.blockRows);
    const pages = Math.ceil(this.layout.bytes / PAGE);
    const shared =
      options.memory !== undefined && options.memory.buffer instanceof SharedArrayBuffer;
    this.memory = options.memory ?? new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(scatterKernelModule(shared), {
      env: { memory: this.memory },
    });
    this.accumulate = instance.exports.accumulate as (...args: number[]) => void;
    this.flush = instance.exports.flush as (...args: number[]) => void;
    this.accumulateDense = instance.exports.accumulateDense as (...args: number[]) => void;
    const buf = this.memory.buffer;
    const { shift: so, vmin, vmax } = this.layout;
    // A reused memory: clear every accumulator (the staging area is overwritten anyway).
    if (options.memory) new Uint8Array(buf, 0, this.layout.x).fill(0);
    new Float32Array(buf, so, this.dp).set(Array.from(shift, (v) => v));
    new Float32Array(buf, vmin, this.dp).fill(Number.POSITIVE_INFINITY);
    new Float32Array(buf, vmax, this.dp).fill(Number.NEGATIVE_INFINITY);
  }

  /** Adds rows `r0 … r1 − 1` of the row-major `data` (`d` columns) to the sums. */
  addRows(data: Float32Array | Float64Array, r0: number, r1: number): void {
    const { d, dp, blockRows, layout: L } = this;
    const stage = new Float32Array(this.memory.buffer, L.x, blockRows * dp);
    for (let b0 = r0; b0 < r1; b0 += blockRows) {
      const nb = Math.min(blockRows, r1 - b0);
      if (dp === d) stage.set(data.subarray(b0 * d, (b0 + nb) * d));
      else
        for (let r = 0; r < nb; r++)
          stage.set(data.subarray((b0 + r) * d, (b0 + r + 1) * d), r * dp);
      if (this.dense) {
        this.accumulateDense(L.x, nb, L.rb, L.shift, L.list, L.s64, L.sum, L.vmin, L.vmax, L.cnt);
        this.rows += nb;
        continue;
      }
      this.accumulate(L.x, nb, L.rb, L.shift, L.list, L.s32, L.sum, L.vmin, L.vmax, L.cnt);
      this.pending += nb;
      this.rows += nb;
      if (this.pending >= this.flushRows) {
        this.flush(L.s32, L.s64, L.rb);
        this.pending = 0;
      }
    }
  }

  /**
   * Copies rows `r0 … r1 − 1` of `data` into the staging area without accumulating them
   * (`r1 − r0 ≤ blockRows`), for a kernel instance on another thread that shares this memory.
   */
  stage(data: Float32Array | Float64Array, r0: number, r1: number): void {
    const { d, dp, layout: L } = this;
    const stage = new Float32Array(this.memory.buffer, L.x, (r1 - r0) * dp);
    if (dp === d) stage.set(data.subarray(r0 * d, r1 * d));
    else for (let r = r0; r < r1; r++) stage.set(data.subarray(r * d, (r + 1) * d), (r - r0) * dp);
  }

  /** Byte offsets of this kernel's memory regions (for another thread's instance). */
  get regions(): ReturnType<typeof scatterLayout> {
    return this.layout;
  }

  /**
   * Flushes the float32 accumulator and copies the sums out.
   *
   * @param rowsDone - Rows accumulated elsewhere (by another thread on this memory, already
   *   flushed) to report instead of this instance's own count.
   */
  result(rowsDone?: number): ScatterPartial {
    const L = this.layout;
    if (this.pending > 0) this.flush(L.s32, L.s64, L.rb);
    this.pending = 0;
    const buf = this.memory.buffer;
    const dp = this.dp;
    return {
      dp,
      rows: rowsDone ?? this.rows,
      scatter: new Float64Array(buf, L.s64, dp * dp).slice(),
      sum: new Float64Array(buf, L.sum, dp).slice(),
      min: new Float32Array(buf, L.vmin, dp).slice(),
      max: new Float32Array(buf, L.vmax, dp).slice(),
      chunkRows: new Int32Array(buf, L.cnt, this.nc).slice(),
    };
  }
}
