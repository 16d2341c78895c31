import { createRng } from '@latentkit/core';
import type { FactorSource } from '../../src/evaluation/disentanglement/factor-source.js';

/** A tiny deterministic hash of (row, dim) → [−1, 1), for noise that is a function of the factors. */
function hashNoise(factors: Int32Array, row: number, f: number, dim: number): number {
  let h = 0x811c9dc5 ^ dim;
  for (let j = 0; j < f; j++) h = Math.imul(h ^ factors[row * f + j]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 12)) >>> 0) / 2 ** 31 - 1;
}

/**
 * A hand-built "encoder" that copies the factors: z_d = factor[perm[d]]·scale[d] + noise·u, with
 * u ∈ [−1, 1) a fixed hash of the factor vector (deterministic). Extra dims (beyond the factors)
 * are `collapsed`: tiny constant-ish values (std ≈ collapsedStd).
 */
export function copyingSource(
  factorSizes: readonly number[],
  options: {
    noise?: number;
    perm?: number[];
    scale?: number[];
    collapsed?: number;
    collapsedStd?: number;
  } = {},
): FactorSource {
  const f = factorSizes.length;
  const perm = options.perm ?? factorSizes.map((_, j) => j);
  const extra = options.collapsed ?? 0;
  const d = perm.length + extra;
  const noise = options.noise ?? 1e-3;
  return {
    factorSizes,
    encode(factors, n) {
      const out = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        perm.forEach((j, k) => {
          out[i * d + k] =
            factors[i * f + j]! * (options.scale?.[k] ?? 1) + noise * hashNoise(factors, i, f, k);
        });
        for (let e = 0; e < extra; e++) {
          out[i * d + perm.length + e] =
            (options.collapsedStd ?? 0.01) * hashNoise(factors, i, f, 100 + e) * Math.sqrt(3);
        }
      }
      return out;
    },
  };
}

/** An "encoder" whose codes are seeded standard normals, independent of the factors. */
export function randomSource(
  factorSizes: readonly number[],
  latentDim: number,
  seed: number,
): FactorSource {
  const rng = createRng(seed);
  return {
    factorSizes,
    encode(_factors, n) {
      return Float32Array.from({ length: n * latentDim }, () => rng.normal());
    },
  };
}

/** dSprites' factor sizes in disentanglement_lib (colour excluded). */
export const DSPRITES_SIZES = [3, 6, 40, 32, 32] as const;
