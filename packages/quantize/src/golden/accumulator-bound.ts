import { QuantizationError } from '../errors/quantization-error.js';
import { type FixedFormat, fixedFormat } from '../fixed/fixed-format.js';
import { signedWidthFor } from '../fixed/format-for-range.js';

/** What {@link accumulatorBound} needs of a layer. */
export interface AccumulatorBoundInput {
  /** Input width. */
  inFeatures: number;
  /** Output width. */
  outFeatures: number;
  /** Format of the inputs. */
  input: FixedFormat;
  /** Format of the weights. */
  weightFormat: FixedFormat;
  /** Weight codes `[in, out]` row-major. */
  weights: ArrayLike<number>;
  /** Format of the biases. */
  biasFormat: FixedFormat;
  /** Bias codes `[out]`. */
  biases: ArrayLike<number>;
}

/**
 * The largest magnitude any accumulator value (any partial sum, in accumulator codes with
 * `input.frac + weightFormat.frac` fraction bits) can reach, over ALL input codes of the input
 * format, for the weight codes actually present:
 *
 *   `B = max_j ( |b_j| · 2^(accFrac − biasFrac) + Σ_i |w_ij| · 2^(input.width − 1) )`
 *
 * Proof that no partial sum exceeds B: every input code satisfies `|x_i| ≤ 2^(Wx−1)` (the most
 * negative code has the largest magnitude), so `|x_i · w_ij| ≤ |w_ij| · 2^(Wx−1)`; a partial sum
 * is the aligned bias plus a subset of the products, and by the triangle inequality its
 * magnitude is at most the sum of all those bounds, which is ≤ B. An accumulator of width
 * `bitLength(B) + 1` therefore never overflows, in any summation order. Without bias, the
 * bound is reached (by `x_i = −2^(Wx−1)`) when all weights of the column share a sign; with
 * mixed signs it can exceed the true maximum by at most `Σ_{w_ij>0} |w_ij|` or
 * `Σ_{w_ij<0} |w_ij|` codes (positive inputs reach only `2^(Wx−1) − 1`) — at most one bit.
 *
 * Computed with BigInt (exact for any size).
 *
 * @throws {@link QuantizationError} (`overflow`) when `biasFormat.frac > accFrac` (the bias
 *   cannot be aligned without rounding); (`inconsistent-model`) when `weights` or `biases` do
 *   not hold `inFeatures · outFeatures` and `outFeatures` codes.
 */
export function accumulatorBound(layer: AccumulatorBoundInput): bigint {
  const accFrac = layer.input.frac + layer.weightFormat.frac;
  const align = accFrac - layer.biasFormat.frac;
  if (align < 0) {
    throw new QuantizationError(
      'overflow',
      `bias frac ${layer.biasFormat.frac} exceeds accumulator frac ${accFrac}: bias would need rounding`,
    );
  }
  const xMax = 1n << BigInt(layer.input.width - 1);
  const n = layer.outFeatures;
  const m = layer.inFeatures;
  if (layer.weights?.length !== m * n || layer.biases?.length !== n) {
    throw new QuantizationError(
      'inconsistent-model',
      `accumulatorBound: a ${m} → ${n} layer needs ${m * n} weight and ${n} bias codes, got ${layer.weights?.length} and ${layer.biases?.length}`,
    );
  }
  let best = 0n;
  for (let j = 0; j < n; j++) {
    let sumW = 0n;
    for (let i = 0; i < m; i++) {
      sumW += BigInt(Math.abs(layer.weights[i * n + j]!));
    }
    const b = BigInt(Math.abs(layer.biases[j]!)) << BigInt(align);
    const total = b + sumW * xMax;
    if (total > best) best = total;
  }
  return best;
}

/**
 * The narrowest overflow-free accumulator format for a layer: frac `input.frac +
 * weightFormat.frac`, width `bitLength(B) + 1` with B from {@link accumulatorBound}.
 *
 * @throws {@link QuantizationError} (`overflow`) when that width exceeds 53 bits (the golden
 *   model's exact-`number` limit), or the bias cannot be aligned.
 */
export function accumulatorFormatFor(layer: AccumulatorBoundInput, name = 'layer'): FixedFormat {
  const b = accumulatorBound(layer);
  if (b > 2n ** 52n - 1n) {
    throw new QuantizationError(
      'overflow',
      `${name}: the accumulator needs more than 53 bits (bound ${b}); use narrower weights or inputs`,
    );
  }
  return fixedFormat(signedWidthFor(Number(b)), layer.input.frac + layer.weightFormat.frac);
}
