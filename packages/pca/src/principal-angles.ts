import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { symmetricEigen } from './symmetric-eigen.js';

function orthonormalRows(
  rows: ArrayLike<number>,
  k: number,
  d: number,
  name: string,
): Float64Array {
  if (rows.length !== k * d)
    throw new ShapeError(`${name} has ${rows.length} values, expected k·d = ${k * d}`, [k, d]);
  const Q = Float64Array.from(rows);
  for (let j = 0; j < k; j++) {
    const vj = Q.subarray(j * d, (j + 1) * d);
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i < j; i++) {
        const vi = Q.subarray(i * d, (i + 1) * d);
        let dot = 0;
        for (let t = 0; t < d; t++) dot += (vi[t] as number) * (vj[t] as number);
        for (let t = 0; t < d; t++) vj[t] = (vj[t] as number) - dot * (vi[t] as number);
      }
    let norm = 0;
    for (let t = 0; t < d; t++) norm += (vj[t] as number) ** 2;
    if (!(norm > 1e-300) || !Number.isFinite(norm))
      throw new InvalidArgumentError(name, `rows are linearly dependent (row ${j}) or not finite`);
    const inv = 1 / Math.sqrt(norm);
    for (let t = 0; t < d; t++) vj[t] = (vj[t] as number) * inv;
  }
  return Q;
}

/**
 * Principal angles between the subspaces spanned by the rows of `a` (`[ka, d]`) and `b`
 * (`[kb, d]`), in radians, ascending; `min(ka, kb)` angles. The rows need not be orthonormal
 * (they are orthonormalized first, float64). The cosines are the singular values of `Q_aᵀ·Q_b`,
 * obtained here from the eigenvalues of `(Q_aᵀQ_b)(Q_aᵀQ_b)ᵀ`; the sines come from the same
 * decomposition of the residual, so small angles are accurate too.
 *
 * @param a - Row-major `[ka, d]` (e.g. `pca.components`).
 * @param b - Row-major `[kb, d]`.
 * @param d - Dimension of the ambient space.
 * @returns Angles in radians, ascending (0 = shared direction, π/2 = orthogonal).
 * @throws {@link ShapeError} if a length is not a multiple of `d`.
 * @throws {@link InvalidArgumentError} if the rows of either input are linearly dependent.
 *
 * @example
 * ```ts
 * import { principalAngles } from '@latentkit/pca';
 *
 * const a = [1, 0, 0, 0, 1, 0]; // span{e₁, e₂} in 3-D, rows [2, 3]
 * const b = [1, 0, 0, 0, 0, 1]; // span{e₁, e₃}
 * principalAngles(a, b, 3); // → Float64Array [0, π/2]: one shared direction, one orthogonal
 * ```
 */
export function principalAngles(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  d: number,
): Float64Array {
  if (!Number.isInteger(d) || d < 1)
    throw new InvalidArgumentError('d', `must be a positive integer, got ${d}`);
  if (a.length % d !== 0 || b.length % d !== 0)
    throw new ShapeError(`input lengths (${a.length}, ${b.length}) are not multiples of d = ${d}`);
  let ka = a.length / d;
  let kb = b.length / d;
  let Qa = orthonormalRows(a, ka, d, 'a');
  let Qb = orthonormalRows(b, kb, d, 'b');
  if (ka > kb) {
    [Qa, Qb] = [Qb, Qa];
    [ka, kb] = [kb, ka];
  }
  // M = Qa·Qbᵀ (ka × kb); the projection of each row of Qa onto span(Qb) is (M·Qb)ᵢ.
  const M = new Float64Array(ka * kb);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (Qa[i * d + t] as number) * (Qb[j * d + t] as number);
      M[i * kb + j] = s;
    }
  // Residual R = Qa − M·Qb; RRᵀ = I − MMᵀ, but forming it from R keeps small sines accurate.
  const R = Float64Array.from(Qa);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j < kb; j++) {
      const m = M[i * kb + j] as number;
      for (let t = 0; t < d; t++)
        R[i * d + t] = (R[i * d + t] as number) - m * (Qb[j * d + t] as number);
    }
  const RRt = new Float64Array(ka * ka);
  const MMt = new Float64Array(ka * ka);
  for (let i = 0; i < ka; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (R[i * d + t] as number) * (R[j * d + t] as number);
      RRt[i * ka + j] = s;
      RRt[j * ka + i] = s;
      let c = 0;
      for (let t = 0; t < kb; t++) c += (M[i * kb + t] as number) * (M[j * kb + t] as number);
      MMt[i * ka + j] = c;
      MMt[j * ka + i] = c;
    }
  const sines = symmetricEigen(RRt, ka, 0).values; // descending sin²
  const cosines = symmetricEigen(MMt, ka, 0).values; // descending cos²
  const out = new Float64Array(ka);
  for (let i = 0; i < ka; i++) {
    const s = Math.sqrt(Math.max(0, sines[ka - 1 - i] as number));
    const c = Math.sqrt(Math.max(0, cosines[i] as number));
    out[i] = Math.atan2(s, c);
  }
  return out;
}
