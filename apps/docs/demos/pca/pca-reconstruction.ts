/**
 * Reconstruction of one image from its first `k` principal components, in float64:
 * x̂ = μ + Σ_{i<k} ((x − μ)·cᵢ) cᵢ, with orthonormal components cᵢ (rows of `components`).
 * A few thousand multiply-adds per k, so the page recomputes it on every slider step.
 *
 * @param x - The image, `d` values.
 * @param mean - The fitted mean μ, `d` values.
 * @param components - `[K × d]` row-major (`PcaModel.components`).
 * @param k - Components used, 0 ≤ k ≤ K (k = 0 gives the mean).
 * @returns x̂ as float32, `d` values (not clamped).
 * @throws {RangeError} for mismatched sizes or k outside [0, K].
 */
export function reconstructWithComponents(
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  components: ArrayLike<number>,
  k: number,
): Float32Array {
  const d = mean.length;
  const K = components.length / d;
  if (x.length !== d || !Number.isInteger(K)) {
    throw new RangeError(`x has ${x.length} values, mean ${d}, components ${components.length}`);
  }
  if (!Number.isInteger(k) || k < 0 || k > K) throw new RangeError(`k = ${k} is outside 0…${K}`);
  const centered = new Float64Array(d);
  for (let j = 0; j < d; j++) centered[j] = x[j]! - mean[j]!;
  const out = Float64Array.from(mean);
  for (let i = 0; i < k; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += centered[j]! * components[i * d + j]!;
    for (let j = 0; j < d; j++) out[j]! += dot * components[i * d + j]!;
  }
  return Float32Array.from(out);
}

/** Running sums: `cumulative[k]` = Σ_{i<k} ratios[i], for k = 0 … K (K + 1 values). */
export function cumulativeRatio(ratios: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ratios.length + 1);
  for (let i = 0; i < ratios.length; i++) out[i + 1] = out[i]! + ratios[i]!;
  return out;
}
