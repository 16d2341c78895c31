/**
 * The smallest and largest finite value of some arrays, `[0, 1]` if there is none (non-finite
 * values are skipped, so NaN gaps in a series do not break an axis).
 *
 * @example
 * ```ts
 * extent([3, Number.NaN, -1], [Infinity, 7]); // [-1, 7]
 * ```
 */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
