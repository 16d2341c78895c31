import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, tf } from '@latentkit/tensor';
import { checkIndices, checkLatent } from './check-latent.js';
import { codeStatistics } from './code-statistics.js';
import type { Quantizer } from './quantizer.js';
import { straightThrough } from './straight-through.js';

/** Options of {@link createFiniteScalarQuantizer}. */
export interface FiniteScalarQuantizerOptions {
  /** Number of levels Lᵢ of each of the D dimensions (integers ≥ 2; D = levels.length). */
  levels: readonly number[];
}

/** A {@link Quantizer} with FSQ's explicit index ↔ code maps. */
export interface FiniteScalarQuantizer extends Quantizer {
  readonly kind: 'fsq';
  /** The levels per dimension. */
  readonly levels: readonly number[];
  /** int32 `[..., D]` → the codes' int32 indices `[...]` (codes must lie on the grid). */
  codesToIndices(codes: tf.Tensor): tf.Tensor;
  /** int32 indices `[...]` in [0, ∏Lᵢ) → float32 codes `[..., D]` (same as `lookup`). */
  indicesToCodes(indices: tf.Tensor): tf.Tensor;
}

const MAX_CODES = 2 ** 20;

/**
 * Finite scalar quantization (Mentzer et al. 2023): each dimension i of z is bounded by
 * bᵢ(z) = tanh(z + sᵢ)·hᵢ − oᵢ with hᵢ = (Lᵢ − 1)(1 + 10⁻³)/2, oᵢ = ½ for even Lᵢ (else 0) and
 * sᵢ = atanh(oᵢ/hᵢ), rounded to an integer with the straight-through gradient, and divided by
 * ⌊Lᵢ/2⌋. Dimension i thus takes Lᵢ values in [−1, 1] (for even Lᵢ: −1 … 1 − 2/Lᵢ); the implicit
 * codebook is the grid of ∏Lᵢ codes, index = Σᵢ digitᵢ·∏ⱼ<ᵢ Lⱼ with digitᵢ = codeᵢ·⌊Lᵢ/2⌋ + ⌊Lᵢ/2⌋.
 * No codebook and no loss (all terms 0); project the encoder output to D = levels.length first.
 *
 * @param options - See {@link FiniteScalarQuantizerOptions}.
 * @throws {@link InvalidArgumentError} for levels that are not integers ≥ 2, or ∏Lᵢ > 2²⁰.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createFiniteScalarQuantizer } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const fsq = createFiniteScalarQuantizer({ levels: [8, 5, 5, 5] }); // 1000 codes, no codebook
 * const { quantized, indices } = fsq.quantize(tf.randomNormal([8, 7, 7, 4])); // indices [8, 7, 7]
 * ```
 */
export function createFiniteScalarQuantizer(
  options: FiniteScalarQuantizerOptions,
): FiniteScalarQuantizer {
  requireKnownOptions(options, ['levels'], 'createFiniteScalarQuantizer');
  const levels = [...(options.levels ?? [])];
  if (levels.length === 0) throw new InvalidArgumentError('levels', 'must list at least one level');
  for (const l of levels) {
    if (!Number.isInteger(l) || l < 2) {
      throw new InvalidArgumentError('levels', `each must be an integer ≥ 2, got ${l}`);
    }
  }
  const numCodes = levels.reduce((a, b) => a * b, 1);
  if (numCodes > MAX_CODES) {
    throw new InvalidArgumentError('levels', `∏ levels = ${numCodes} exceeds ${MAX_CODES}`);
  }
  const dim = levels.length;
  const half = levels.map((l) => ((l - 1) * (1 + 1e-3)) / 2);
  const offset = levels.map((l) => (l % 2 === 0 ? 0.5 : 0));
  const shift = levels.map((_, i) => Math.atanh(offset[i]! / half[i]!));
  const width = levels.map((l) => Math.floor(l / 2));
  const basis: number[] = [];
  levels.reduce((acc, l) => {
    basis.push(acc);
    return acc * l;
  }, 1);

  const toIndices = (codes: tf.Tensor): tf.Tensor =>
    tf.tidy(() => {
      const digits = tf.round(tf.add(tf.mul(codes, width), width));
      return tf.cast(tf.sum(tf.mul(digits, basis), -1), 'int32');
    });
  const toCodes = (indices: tf.Tensor): tf.Tensor =>
    tf.tidy(() => {
      const idx = tf.expandDims(tf.cast(indices, 'float32'), -1);
      const digits = tf.mod(tf.floor(tf.div(idx, basis)), levels);
      return tf.div(tf.sub(digits, width), width);
    });

  const self: FiniteScalarQuantizer = {
    kind: 'fsq',
    dim,
    numCodes,
    levels,
    quantize(z) {
      checkLatent(z, dim);
      return tf.tidy(() => {
        const bounded = tf.sub(tf.mul(tf.tanh(tf.add(z, shift)), half), offset);
        const quantized = tf.div(straightThrough(bounded, tf.round(bounded)), width);
        const indices = toIndices(quantized);
        const stats = codeStatistics(indices, numCodes);
        return {
          quantized,
          indices,
          loss: { codebook: tf.scalar(0), commitment: tf.scalar(0), total: tf.scalar(0) },
          perplexity: stats.perplexity,
          usage: stats.usage,
          counts: stats.counts,
        };
      });
    },
    codesToIndices(codes) {
      if (!(codes instanceof tf.Tensor) || codes.rank < 1 || codes.shape[codes.rank - 1] !== dim) {
        checkLatent(codes, dim, 'codes');
      }
      return toIndices(codes);
    },
    indicesToCodes(indices) {
      checkIndices(indices, undefined);
      const data = indices.dataSync();
      for (const i of data) {
        if (i < 0 || i >= numCodes) {
          throw new InvalidArgumentError('indices', `${i} is outside [0, ${numCodes})`);
        }
      }
      return toCodes(indices);
    },
    lookup: (indices) => self.indicesToCodes(indices),
    update(z, indices) {
      checkLatent(z, dim);
      checkIndices(indices, z.shape.slice(0, -1));
      return { restarted: [] };
    },
    initialize(z) {
      checkLatent(z, dim);
    },
  };
  return self;
}

/** @deprecated Use {@link createFiniteScalarQuantizer} (factories are `createX` across latentkit). */
export const finiteScalarQuantizer: (
  options: FiniteScalarQuantizerOptions,
) => FiniteScalarQuantizer = createFiniteScalarQuantizer;
