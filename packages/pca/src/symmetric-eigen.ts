import { NumericalError } from '@latentkit/core';
import { tridiagonalKernels } from './tridiagonal-kernel.js';

/** Result of {@link symmetricEigen}. */
export interface SymmetricEigenResult {
  /** All `n` eigenvalues, in descending order. */
  values: Float64Array;
  /** The eigenvectors of the `k` largest eigenvalues, as rows: `[k, n]` row-major, unit norm. */
  vectors: Float64Array;
  /** Number of eigenvectors returned. */
  k: number;
}

/**
 * Eigen-decomposition of a real symmetric `n × n` matrix in float64: all eigenvalues and the
 * eigenvectors of the `k` largest.
 *
 * Method: Householder reduction to tridiagonal form (only the lower triangle is updated,
 * ≈ 4n³/3 flops), eigenvalues of the tridiagonal matrix by implicit QL with Wilkinson shifts,
 * eigenvectors of the tridiagonal matrix by inverse iteration (re-orthogonalized within clusters
 * of close eigenvalues), then back-transformed by the Householder reflectors (≈ 2n²k flops).
 *
 * Written here instead of using `ml-matrix`'s `EigenvalueDecomposition` (a JAMA port: tred2 +
 * tql2 with full accumulation, ≈ 9n³ flops on arrays of arrays) because PCA on n = 784 needs only
 * the top k vectors, and the accumulation dominates: this routine avoids it.
 *
 * @param matrix - Row-major `n × n` symmetric matrix (only its lower triangle is read). Not
 *   modified.
 * @param n - Order of the matrix.
 * @param k - Number of leading eigenvectors to compute (0 ≤ k ≤ n). Default `n`.
 */
export function symmetricEigen(matrix: Float64Array, n: number, k = n): SymmetricEigenResult {
  const diag = new Float64Array(n);
  const off = new Float64Array(n); // off[i] couples i and i + 1
  const beta = new Float64Array(n);
  const V = new Float64Array(n * n);
  tridiagonalize(matrix, n, diag, off, beta, V);
  const values = tridiagonalEigenvalues(diag, off, n);
  values.sort((x, y) => y - x);
  const kk = Math.max(0, Math.min(k, n));
  const vectors = new Float64Array(kk * n);
  const y = new Float64Array(n);
  let scale = 0;
  for (let i = 0; i < n; i++)
    scale = Math.max(scale, Math.abs(diag[i] as number) + 2 * Math.abs(off[i] as number));
  // A zero matrix (scale 0): any unit vectors are eigenvectors; a unit shift keeps the solves finite.
  const tol = scale > 0 ? scale * 1e-10 : 1e-10;
  for (let j = 0; j < kk; j++) {
    const lambda = values[j] as number;
    // Vectors already found whose eigenvalue is within the cluster tolerance.
    const cluster: number[] = [];
    for (let i = j - 1; i >= 0 && (values[i] as number) - lambda < 1e-3 * scale + tol; i--)
      cluster.push(i);
    inverseIteration(diag, off, n, lambda, tol, j, vectors, cluster, y);
    vectors.set(y, j * n);
  }
  // Back-transform: v ← H₀ H₁ … H_{n−3} y.
  applyReflectors(V, n, beta, vectors, kk);
  return { values, vectors, k: kk };
}

/**
 * Householder tridiagonalization of the lower triangle of `matrix` (not modified). Reflector `j`
 * (`v[0] = 1` at index `j + 1`) is stored contiguously in row `j` of `V`. The two O(n²) steps of
 * each reflection (`p = A·v` and the rank-2 update) run as float64 SIMD wasm kernels
 * (`tridiagonal-kernel.ts`) on a copy of the matrix in wasm memory, ~3× faster than the same
 * loops in JavaScript.
 */
function tridiagonalize(
  matrix: Float64Array,
  n: number,
  diag: Float64Array,
  off: Float64Array,
  beta: Float64Array,
  V: Float64Array,
): void {
  const vOff = n * n * 8;
  const pOff = vOff + n * 8;
  const k = tridiagonalKernels(pOff + n * 8);
  const A = new Float64Array(k.memory.buffer, 0, n * n);
  A.set(matrix.subarray(0, n * n));
  const v = new Float64Array(k.memory.buffer, vOff, n);
  const p = new Float64Array(k.memory.buffer, pOff, n);
  for (let j = 0; j < n - 2; j++) {
    const s = j + 1;
    let sigma = 0;
    for (let i = j + 2; i < n; i++) sigma += (A[i * n + j] as number) ** 2;
    const x0 = A[s * n + j] as number;
    if (sigma === 0) {
      off[j] = x0;
      beta[j] = 0;
      continue;
    }
    const mu = Math.sqrt(x0 * x0 + sigma);
    const alpha = x0 <= 0 ? mu : -mu; // x ↦ alpha·e₁, sign chosen to avoid cancellation
    const v0 = x0 - alpha;
    const b = -v0 / alpha; // beta = 2 / (vᵀv) with v scaled so that v[0] = 1
    v[s] = 1;
    for (let i = j + 2; i < n; i++) v[i] = (A[i * n + j] as number) / v0;
    V.set(v.subarray(s, n), j * n + s);
    off[j] = alpha;
    beta[j] = b;
    // p = b · A22 · v from the lower triangle of A22 = A[j+1:, j+1:].
    p.fill(0, s, n);
    k.symv(0, n, s, vOff, pOff);
    let pv = 0;
    for (let i = s; i < n; i++) {
      p[i] = b * (p[i] as number);
      pv += (p[i] as number) * (v[i] as number);
    }
    // w = p − (b/2)(pᵀv) v ; A22 ← A22 − v wᵀ − w vᵀ (lower triangle only).
    const half = 0.5 * b * pv;
    for (let i = s; i < n; i++) p[i] = (p[i] as number) - half * (v[i] as number);
    k.syr2(0, n, s, vOff, pOff);
  }
  for (let i = 0; i < n; i++) diag[i] = A[i * n + i] as number;
  if (n >= 2) off[n - 2] = A[(n - 1) * n + (n - 2)] as number;
  off[n - 1] = 0;
}

/** `Y ← H₀ H₁ … H_{n−3} Y` for the `k` row vectors of `Y` (reflector-major: each row of `V` is read once). */
function applyReflectors(
  V: Float64Array,
  n: number,
  beta: Float64Array,
  Y: Float64Array,
  k: number,
): void {
  for (let j = n - 3; j >= 0; j--) {
    const b = beta[j] as number;
    if (b === 0) continue;
    const o = j * n;
    for (let c = 0; c < k; c++) {
      const yo = c * n;
      let dot = 0;
      for (let i = j + 1; i < n; i++) dot += (V[o + i] as number) * (Y[yo + i] as number);
      const f = b * dot;
      for (let i = j + 1; i < n; i++) Y[yo + i] = (Y[yo + i] as number) - f * (V[o + i] as number);
    }
  }
}

/** Eigenvalues of a symmetric tridiagonal matrix by implicit QL with Wilkinson shifts. */
function tridiagonalEigenvalues(diag: Float64Array, off: Float64Array, n: number): Float64Array {
  const d = Float64Array.from(diag);
  const e = Float64Array.from(off);
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        if (Math.abs(e[m] as number) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) {
        throw new NumericalError(
          'symmetric eigensolver: tridiagonal QL did not converge in 60 iterations (are the data finite and within about 1e150 in magnitude?)',
        );
      }
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = 0;
      }
      if (r === 0 && i >= l) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}

/**
 * One eigenvector of the tridiagonal matrix by inverse iteration with shift `lambda`, written to
 * `y`; orthogonalized against the previously found vectors listed in `cluster` (stored as rows of
 * `found`, still in the tridiagonal basis at this point).
 */
function inverseIteration(
  diag: Float64Array,
  off: Float64Array,
  n: number,
  lambda: number,
  tol: number,
  index: number,
  found: Float64Array,
  cluster: number[],
  y: Float64Array,
): void {
  // Gaussian elimination with partial pivoting of T − σI: U has 3 bands (u0, u1, u2).
  const sigma = lambda + tol * (1 + (index % 7)) * 1e-3;
  const u0 = new Float64Array(n);
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  const mult = new Float64Array(n);
  const swap = new Uint8Array(n);
  let a0 = (diag[0] as number) - sigma;
  let a1 = n > 1 ? (off[0] as number) : 0;
  for (let i = 0; i < n - 1; i++) {
    const below = off[i] as number;
    const nextDiag = (diag[i + 1] as number) - sigma;
    const nextOff = i + 1 < n - 1 ? (off[i + 1] as number) : 0;
    if (Math.abs(a0) >= Math.abs(below)) {
      const m = a0 === 0 ? 0 : below / a0;
      u0[i] = a0 === 0 ? tol : a0;
      u1[i] = a1;
      u2[i] = 0;
      mult[i] = m;
      swap[i] = 0;
      a0 = nextDiag - m * a1;
      a1 = nextOff;
    } else {
      const m = a0 / below;
      u0[i] = below;
      u1[i] = nextDiag;
      u2[i] = nextOff;
      mult[i] = m;
      swap[i] = 1;
      a0 = a1 - m * nextDiag;
      a1 = -m * nextOff;
    }
  }
  u0[n - 1] = a0 === 0 ? tol : a0;
  // Deterministic, non-degenerate start vector.
  for (let i = 0; i < n; i++)
    y[i] = 1 + ((((i + 1) * 2654435761 + index * 40503) >>> 0) % 1000) / 997;
  for (let it = 0; it < 4; it++) {
    // Forward: apply the row operations to y.
    for (let i = 0; i < n - 1; i++) {
      if (swap[i]) {
        const t = y[i] as number;
        y[i] = y[i + 1] as number;
        y[i + 1] = t;
      }
      y[i + 1] = (y[i + 1] as number) - (mult[i] as number) * (y[i] as number);
    }
    // Back substitution with U.
    for (let i = n - 1; i >= 0; i--) {
      let v = y[i] as number;
      if (i + 1 < n) v -= (u1[i] as number) * (y[i + 1] as number);
      if (i + 2 < n) v -= (u2[i] as number) * (y[i + 2] as number);
      const piv = u0[i] as number;
      y[i] = v / (Math.abs(piv) < tol * 1e-6 ? (piv < 0 ? -tol : tol) * 1e-6 : piv);
    }
    for (const c of cluster) {
      let dot = 0;
      const o = c * n;
      for (let i = 0; i < n; i++) dot += (found[o + i] as number) * (y[i] as number);
      for (let i = 0; i < n; i++) y[i] = (y[i] as number) - dot * (found[o + i] as number);
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (y[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0 || !Number.isFinite(norm)) {
      throw new NumericalError(
        'symmetric eigensolver: inverse iteration gave a zero or non-finite vector',
      );
    }
    for (let i = 0; i < n; i++) y[i] = (y[i] as number) / norm;
  }
}
