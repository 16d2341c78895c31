import { createRng } from '@latentkit/tensor';

/** Size and seed of {@link denseLowRankMatrix}. */
export interface DenseMatrixSpec {
  rows: number;
  cols: number;
  /** Rank of the signal part. */
  rank: number;
  /** σ of the Gaussian noise added to every element. */
  noise: number;
  seed: number;
}

/** The dense case of the pca suite: rank 80 (above k = 50), noise σ 0.05, seed 1. */
export const DENSE_MATRIX = { rank: 80, noise: 0.05, seed: 1 };

/**
 * A dense float32 `[rows, cols]` matrix, row-major: column means in [0, 1) plus a rank-`rank`
 * signal `U·diag(s)·V` (U, V standard normal, V scaled by 1/√cols, sᵣ = 0.95ʳ so the spectrum
 * decays) plus N(0, noise²) per element. Deterministic: sums in float64 and one rounding to
 * float32 per element, random numbers from `createRng(seed)` in a fixed order, so the same spec
 * gives the same bytes on every machine and backend.
 *
 * @throws {RangeError} for sizes that are not positive integers or a negative noise.
 */
export function denseLowRankMatrix(spec: DenseMatrixSpec): Float32Array {
  const { rows, cols, rank, noise } = spec;
  for (const [name, v] of [
    ['rows', rows],
    ['cols', cols],
    ['rank', rank],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer`);
  }
  if (!(noise >= 0)) throw new RangeError(`noise must be ≥ 0, got ${noise}`);
  const rng = createRng(spec.seed);
  const mean = Float64Array.from({ length: cols }, () => rng.next());
  const v = new Float64Array(rank * cols);
  for (let r = 0; r < rank; r++) {
    const scale = 0.95 ** r / Math.sqrt(cols);
    for (let j = 0; j < cols; j++) v[r * cols + j] = rng.normal() * scale;
  }
  const out = new Float32Array(rows * cols);
  const acc = new Float64Array(cols);
  const u = new Float64Array(rank);
  for (let i = 0; i < rows; i++) {
    for (let r = 0; r < rank; r++) u[r] = rng.normal();
    acc.set(mean);
    for (let r = 0; r < rank; r++) {
      const a = u[r]!;
      const o = r * cols;
      for (let j = 0; j < cols; j++) acc[j]! += a * v[o + j]!;
    }
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = acc[j]! + noise * rng.normal();
  }
  return out;
}
