/**
 * How many latent vectors use each code: the histogram of code indices.
 *
 * @param indices - Code indices (e.g. a VQ-VAE's `[n, 7, 7]` grids, flattened).
 * @param numCodes - K.
 * @returns `[K]` counts (float64).
 * @throws {RangeError} for an index that is not an integer in [0, K).
 */
export function codeHistogram(indices: ArrayLike<number>, numCodes: number): Float64Array {
  const counts = new Float64Array(numCodes);
  for (let i = 0; i < indices.length; i++) {
    const c = indices[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= numCodes) {
      throw new RangeError(`code ${c} at ${i} is outside [0, ${numCodes})`);
    }
    counts[c]! += 1;
  }
  return counts;
}

/**
 * The codes' shares of all vectors, largest first (a rank–frequency curve: a flat line at 1/K
 * for a uniformly used codebook, a steep drop to 0 when few codes do all the work).
 *
 * @param counts - A histogram (see {@link codeHistogram}).
 * @returns Shares summing to 1 (all 0 for an empty histogram), sorted descending.
 */
export function rankedShares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const shares = Array.from(counts, (c) => (total > 0 ? c / total : 0));
  return shares.sort((a, b) => b - a);
}
