import { InvalidArgumentError, type Rng } from '@latentkit/core';
import type { FixedFactor } from './factor-source.js';

/**
 * Draws `n` factor vectors with every factor independent and uniform over its classes — the
 * sampling of every ground-truth data set in disentanglement_lib (`sample_factors`), and the
 * default of {@link FactorSource.sampleFactors}. Draws row by row, factor by factor
 * (`rng.int(size)` each; a fixed factor draws nothing), so `n` points drawn at once equal the
 * same points drawn in several calls with the same generator.
 *
 * @param factorSizes - Number of classes of each factor.
 * @param n - Number of vectors (≥ 0).
 * @param rng - The generator (advanced).
 * @param fixed - A factor held at one class in every row. Default none.
 * @returns `Int32Array [n × factorSizes.length]`, row-major.
 * @throws {@link InvalidArgumentError} for a bad size, `n`, or `fixed` out of range.
 *
 * @example
 * ```ts
 * import { sampleUniformFactors } from '@latentkit/models';
 * import { toRng } from '@latentkit/core';
 *
 * const f = sampleUniformFactors([3, 6, 40, 32, 32], 100, toRng(1)); // Int32Array [100 · 5] classes
 * const g = sampleUniformFactors([3, 6, 40, 32, 32], 100, toRng(2), { factor: 1, value: 5 }); // scale fixed
 * ```
 */
export function sampleUniformFactors(
  factorSizes: readonly number[],
  n: number,
  rng: Rng,
  fixed?: FixedFactor,
): Int32Array {
  const f = factorSizes.length;
  for (const [j, size] of factorSizes.entries()) {
    if (!Number.isInteger(size) || size < 1) {
      throw new InvalidArgumentError(
        `factorSizes[${j}]`,
        `must be a positive integer, got ${size}`,
      );
    }
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('n', `must be a non-negative integer, got ${n}`);
  }
  let fixedFactor = -1;
  let fixedValue = 0;
  if (fixed !== undefined) {
    fixedFactor = fixed.factor;
    fixedValue = fixed.value;
    if (!Number.isInteger(fixedFactor) || fixedFactor < 0 || fixedFactor >= f) {
      throw new InvalidArgumentError(
        'fixed.factor',
        `must be an integer in [0, ${f}), got ${fixedFactor}`,
      );
    }
    const size = factorSizes[fixedFactor]!;
    if (!Number.isInteger(fixedValue) || fixedValue < 0 || fixedValue >= size) {
      throw new InvalidArgumentError(
        'fixed.value',
        `must be an integer in [0, ${size}), got ${fixedValue}`,
      );
    }
  }
  const out = new Int32Array(n * f);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) {
      out[i * f + j] = j === fixedFactor ? fixedValue : rng.int(factorSizes[j]!);
    }
  }
  return out;
}
