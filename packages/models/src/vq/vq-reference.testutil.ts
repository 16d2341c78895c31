import { createRng } from '@latentkit/core';

// Float64 JavaScript references for the quantizer tests (independent of tfjs).

/** Seeded normal data as a Float32Array of n·d values. */
export function normals(n: number, d: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * d }, () => rng.normal() * scale);
}

/** Squared distance between row i of `a` and row j of `b` (width d), in float64. */
export function dist2(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, d: number) {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[i * d + t]! - b[j * d + t]!;
    s += diff * diff;
  }
  return s;
}

/** Brute-force nearest code of each row (first index on ties) and the sorted distances. */
export function bruteNearest(z: ArrayLike<number>, codebook: ArrayLike<number>, d: number) {
  const n = z.length / d;
  const k = codebook.length / d;
  const index: number[] = [];
  const gap: number[] = []; // second-best minus best distance
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    let arg = -1;
    for (let j = 0; j < k; j++) {
      const v = dist2(z, i, codebook, j, d);
      if (v < best) {
        second = best;
        best = v;
        arg = j;
      } else if (v < second) second = v;
    }
    index.push(arg);
    gap.push(second - best);
  }
  return { index, gap };
}

/** Mean squared distance of each row to its nearest code (float64). */
export function quantizationError(z: ArrayLike<number>, codebook: ArrayLike<number>, d: number) {
  const { index } = bruteNearest(z, codebook, d);
  let s = 0;
  index.forEach((j, i) => {
    s += dist2(z, i, codebook, j, d);
  });
  return s / (z.length / d);
}

/** Largest |a − b| over two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
