import type { Rng } from '@latentkit/core';

/** A factor held at one class in every sampled point (see {@link FactorSource.sampleFactors}). */
export interface FixedFactor {
  /** Index of the factor (column), in `[0, factorSizes.length)`. */
  factor: number;
  /** The class it takes, in `[0, factorSizes[factor])`. */
  value: number;
}

/**
 * A ground-truth generative process with discrete factors of variation, seen through a
 * representation — the data-agnostic input of {@link computeMig} and {@link factorVaeScore}
 * (disentanglement_lib's `GroundTruthData` plus its `representation_function`).
 *
 * Factors are integer classes: factor `j` takes the values `0 … factorSizes[j] − 1`. Factor
 * vectors travel as row-major `Int32Array`s `[n × numFactors]`; representations as row-major
 * `Float32Array`s `[n × latentDim]` (e.g. an encoder's posterior mean; see
 * {@link modelFactorSource} and {@link dspritesFactorSource}).
 */
export interface FactorSource {
  /** Number of classes of each factor (positive integers; a factor of size 1 is constant). */
  readonly factorSizes: readonly number[];
  /**
   * Draws `n` factor vectors, `Int32Array [n × numFactors]`, using only `rng` for randomness.
   * With `fixed`, every row has `fixed.factor` equal to `fixed.value` and the other factors are
   * drawn as usual. Default ({@link sampleUniformFactors}): every factor independent and uniform
   * over its classes, as for every data set of disentanglement_lib.
   */
  sampleFactors?(n: number, rng: Rng, fixed?: FixedFactor): Int32Array;
  /**
   * The representation of the points with the given factors: a `Float32Array` (or
   * `Float64Array`) `[n × latentDim]`, row-major, finite. Must be a deterministic function of the
   * factors, or seeded by its own state, for the metrics to be reproducible. May be async.
   *
   * @param factors - `Int32Array [n × numFactors]` (do not keep it: the caller may reuse it).
   * @param n - Number of points (rows).
   */
  encode(
    factors: Int32Array,
    n: number,
  ): Float32Array | Float64Array | Promise<Float32Array | Float64Array>;
}
