/**
 * Latent dimensions in the order the β-VAE demo shows them: by decreasing mean KL (informative
 * dimensions first; ties by index).
 *
 * @param klPerDim - Mean KL per dimension, nats.
 * @param activeThreshold - A dimension with KL below this (nats) is reported inactive. Default 0.05.
 */
export function traversalOrder(
  klPerDim: readonly number[],
  activeThreshold = 0.05,
): { dim: number; kl: number; active: boolean }[] {
  return klPerDim
    .map((kl, dim) => ({ dim, kl, active: kl >= activeThreshold }))
    .sort((a, b) => b.kl - a.kl || a.dim - b.dim);
}

/** Evenly spaced traversal values from −range to +range (both included). */
export function traversalValues(range: number, count: number): number[] {
  if (!(range > 0) || !Number.isInteger(count) || count < 2) {
    throw new RangeError(`need range > 0 and count ≥ 2, got ${range}, ${count}`);
  }
  return Array.from({ length: count }, (_, i) => -range + (2 * range * i) / (count - 1));
}

/**
 * For each latent dimension, the dSprites factors whose MI is largest in it.
 *
 * @param migFactors - The MIG table (`extra.migFactors` of the training record).
 * @param latentDim - Number of latent dimensions.
 * @param minGap - Factors whose gap is below this are left out (their top dimension is a near tie,
 *   e.g. rotation at gap 0.000). Default 0 (all but constant factors).
 */
export function factorsByLatent(
  migFactors: readonly { factor: string; topLatent: number; gap: number | null }[],
  latentDim: number,
  minGap = 0,
): string[][] {
  const out: string[][] = Array.from({ length: latentDim }, () => []);
  for (const f of migFactors) {
    if (f.gap !== null && f.gap >= minGap) out[f.topLatent]?.push(f.factor);
  }
  return out;
}
