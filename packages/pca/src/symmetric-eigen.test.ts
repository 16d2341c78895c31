import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
}

function symmetric(n: number, f: (i: number, j: number) => number): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = f(i, j);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  return A;
}

describe('symmetricEigen', () => {
  it('matches the closed form of the tridiagonal Toeplitz matrix (2, −1)', () => {
    const n = 60;
    const A = symmetric(n, (i, j) => (i === j ? 2 : i - j === 1 ? -1 : 0));
    const { values, vectors } = symmetricEigen(A, n, 3);
    for (let k = 0; k < n; k++) {
      // λ = 2 − 2cos(jπ/(n+1)), j = n … 1 (descending).
      const expected = 2 - 2 * Math.cos(((n - k) * Math.PI) / (n + 1));
      expect(values[k]).toBeCloseTo(expected, 12);
    }
    // Eigenvector j = n: v_i ∝ sin(i·jπ/(n+1)).
    const v = vectors.subarray(0, n);
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const s = Math.sin(((i + 1) * n * Math.PI) / (n + 1));
      dot += s * (v[i] as number);
      norm += s * s;
    }
    expect(Math.abs(dot) / Math.sqrt(norm)).toBeCloseTo(1, 12);
  });

  it('random dense matrices: residual, orthonormality, trace; repeated eigenvalues', () => {
    const rnd = lcg(5);
    for (const n of [1, 2, 7, 120]) {
      const A = symmetric(n, () => rnd());
      const { values, vectors, k } = symmetricEigen(A, n);
      expect(k).toBe(n);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += A[i * n + i] as number;
      expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 10);
      for (let a = 0; a < n; a++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++)
            s += (A[i * n + j] as number) * (vectors[a * n + j] as number);
          expect(Math.abs(s - (values[a] as number) * (vectors[a * n + i] as number))).toBeLessThan(
            1e-11,
          );
        }
        for (let b = 0; b <= a; b++) {
          let s = 0;
          for (let i = 0; i < n; i++)
            s += (vectors[a * n + i] as number) * (vectors[b * n + i] as number);
          expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-11);
        }
      }
    }
    // Projector of rank 3 in R^6: eigenvalues 1,1,1,0,0,0 with orthonormal vectors.
    const P = symmetric(6, (i, j) => (i < 3 && j < 3 ? (i === j ? 1 : 0) : 0));
    const r = symmetricEigen(P, 6, 3);
    expect(Array.from(r.values).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([
      1, 1, 1, 0, 0, 0,
    ]);
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let i = 0; i < 6; i++)
          s += (r.vectors[a * 6 + i] as number) * (r.vectors[b * 6 + i] as number);
        expect(s).toBeCloseTo(a === b ? 1 : 0, 12);
      }
  });
  it('eigenpairs satisfy A·v = λ·v for odd and even orders (SIMD kernels and their tails)', () => {
    for (const n of [1, 2, 3, 4, 5, 8, 37]) {
      const r = lcg(n);
      const A = symmetric(n, () => r());
      const k = Math.min(n, 4);
      const { values, vectors } = symmetricEigen(A, n, k);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += A[i * n + i] as number;
      expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 10);
      for (let c = 0; c < k; c++) {
        const v = vectors.subarray(c * n, (c + 1) * n);
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += (A[i * n + j] as number) * (v[j] as number);
          expect(av).toBeCloseTo((values[c] as number) * (v[i] as number), 10);
        }
      }
    }
  });
});
