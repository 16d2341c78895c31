import { InvalidArgumentError, type SeedLike } from '@latentkit/core';
import { planRestarts } from './restart-dead-codes.js';

/** The EMA codebook state as plain arrays: `[K]` cluster sizes, `[K, D]` sums and codes. */
export interface EmaArrays {
  /** Nₖ, `[K]`. */
  clusterSize: Float32Array;
  /** mₖ, `[K, D]` row-major. */
  embedSum: Float32Array;
  /** eₖ, `[K, D]` row-major. */
  codebook: Float32Array;
}

/** Settings of {@link emaUpdate}. */
export interface EmaUpdateSettings {
  /** K. */
  numCodes: number;
  /** D. */
  dim: number;
  /** γ. */
  decay: number;
  /** ε (Laplace smoothing). */
  epsilon: number;
  /** Restart codes with Nₖ below this after the update (0: none). */
  threshold: number;
  /** Nₖ of a restarted code. */
  resetSize: number;
  /** Seed or generator of the restarts (drawn from only when a code is dead). */
  seed: SeedLike;
}

/**
 * One EMA codebook step (and dead-code restarts) on plain arrays, the work behind the EMA
 * quantizer's `update`: the batch histogram and per-code sums in one pass over the rows, then
 *
 *     Nₖ ← γNₖ + (1 − γ)nₖ,   mₖ ← γmₖ + (1 − γ)sₖ,
 *     Ñₖ = (Nₖ + ε) / (Σⱼ Nⱼ + Kε) · Σⱼ Nⱼ,   eₖ = mₖ / Ñₖ,
 *
 * in float64, rounded to float32 once at the end; codes whose (float32) Nₖ < threshold then
 * restart on batch rows (Nₖ = resetSize, mₖ = row·resetSize, eₖ = row). Written in plain
 * JavaScript because it is O(N·D) additions (~0.3 ms for 6272 rows of 16): the tensor version
 * (one-hot, its transpose, a product, a dozen small ops) cost 10–100× more on wasm.
 *
 * @internal
 * @param state - Nₖ and mₖ before the step (not modified; the old codes are not needed).
 * @param z - The batch rows, `[N, D]` row-major.
 * @param indices - Their codes, `[N]`.
 * @returns The new state and the restarted codes (ascending).
 * @throws {@link InvalidArgumentError} for an index outside [0, K).
 */
export function emaUpdate(
  state: Pick<EmaArrays, 'clusterSize' | 'embedSum'>,
  z: ArrayLike<number>,
  indices: ArrayLike<number>,
  s: EmaUpdateSettings,
): { state: EmaArrays; restarted: number[] } {
  const { numCodes: k, dim: d, decay, epsilon } = s;
  const n = indices.length;
  const counts = new Float64Array(k);
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = indices[i]!;
    if (!(c >= 0 && c < k)) throw new InvalidArgumentError('indices', `${c} is outside [0, ${k})`);
    counts[c]! += 1;
    const o = c * d;
    const r = i * d;
    for (let t = 0; t < d; t++) sums[o + t]! += z[r + t]!;
  }
  const size = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    size[j] = decay * state.clusterSize[j]! + (1 - decay) * counts[j]!;
    total += size[j]!;
  }
  const clusterSize = Float32Array.from(size);
  const embedSum = new Float32Array(k * d);
  const codebook = new Float32Array(k * d);
  for (let j = 0; j < k; j++) {
    const smoothed = ((size[j]! + epsilon) / (total + k * epsilon)) * total;
    for (let t = 0; t < d; t++) {
      const m = decay * state.embedSum[j * d + t]! + (1 - decay) * sums[j * d + t]!;
      embedSum[j * d + t] = m;
      codebook[j * d + t] = m / smoothed;
    }
  }
  if (s.threshold <= 0) return { state: { clusterSize, embedSum, codebook }, restarted: [] };
  const { dead, source } = planRestarts(clusterSize, s.threshold, n, s.seed);
  for (const code of dead) {
    clusterSize[code] = s.resetSize;
    for (let t = 0; t < d; t++) {
      const v = z[source[code]! * d + t]!;
      codebook[code * d + t] = v;
      embedSum[code * d + t] = v * s.resetSize;
    }
  }
  return { state: { clusterSize, embedSum, codebook }, restarted: dead };
}
