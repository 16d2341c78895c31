import { createRng } from '@latentkit/core';

// A code distribution with known structure and entropy, for the prior tests: the first code of a
// grid is uniform over K; every other code copies its left neighbour (the one above in column 0)
// with probability `copy`, else is uniform over K (possibly the same code).

/** The grid shape and copy probability of the synthetic distribution. */
export interface CopySpec {
  height: number;
  width: number;
  numCodes: number;
  copy: number;
}

/** The code each position copies: its left neighbour, or the one above in column 0 (−1 for 0). */
export function parentOf(i: number, width: number): number {
  return i === 0 ? -1 : i % width > 0 ? i - 1 : i - width;
}

/** n grids `[n, H, W]` drawn from the distribution (seeded). */
export function copyGrids(n: number, spec: CopySpec, seed: number): Int32Array {
  const { height, width, numCodes: k, copy } = spec;
  const size = height * width;
  const rng = createRng(seed);
  const out = new Int32Array(n * size);
  for (let g = 0; g < n; g++) {
    for (let i = 0; i < size; i++) {
      const parent = parentOf(i, width);
      out[g * size + i] = parent >= 0 && rng.next() < copy ? out[g * size + parent]! : rng.int(k);
    }
  }
  return out;
}

/** The exact entropy of the distribution, in bits per code. */
export function copyEntropyBits(spec: CopySpec): number {
  const { height, width, numCodes: k, copy } = spec;
  const same = copy + (1 - copy) / k;
  const other = (1 - copy) / k;
  const conditional = -(same * Math.log2(same) + (k - 1) * other * Math.log2(other));
  return (Math.log2(k) + (height * width - 1) * conditional) / (height * width);
}

/** The fraction of non-first positions whose code equals the code it copies. */
export function copyRate(codes: Int32Array, spec: CopySpec): number {
  const size = spec.height * spec.width;
  let hits = 0;
  let total = 0;
  for (let g = 0; g < codes.length / size; g++) {
    for (let i = 1; i < size; i++) {
      hits += codes[g * size + i] === codes[g * size + parentOf(i, spec.width)] ? 1 : 0;
      total++;
    }
  }
  return hits / total;
}
