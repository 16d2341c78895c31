import { InvalidArgumentError, NonFiniteError, type Rng, ShapeError } from '@latentkit/core';
import type { FactorSource, FixedFactor } from './factor-source.js';
import { sampleUniformFactors } from './sample-uniform-factors.js';

// Internal: validated access to a FactorSource for the metrics (not exported by the package).

/** A checked {@link FactorSource}: sampling and encoding that validate what the source returns. */
export interface CheckedFactorSource {
  factorSizes: readonly number[];
  sample(n: number, rng: Rng, fixed?: FixedFactor): Int32Array;
  /** Encodes, checking the result (and that `latentDim` stays the same across calls). */
  encode(factors: Int32Array, n: number): Promise<Float32Array | Float64Array>;
  /** Number of latent dimensions, known after the first `encode`. */
  latentDim(): number;
}

/**
 * Validates a {@link FactorSource} and wraps it in checks; with `signal`, every `encode` first
 * throws the signal's reason once it is aborted (the metrics' long loops all go through it).
 */
export function checkFactorSource(source: FactorSource, signal?: AbortSignal): CheckedFactorSource {
  signal?.throwIfAborted();
  if (source === null || typeof source !== 'object' || typeof source.encode !== 'function') {
    throw new InvalidArgumentError('source', 'must be { factorSizes, encode, sampleFactors? }');
  }
  const sizes = source.factorSizes;
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new InvalidArgumentError('source.factorSizes', 'must be a non-empty array');
  }
  sizes.forEach((size, j) => {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** 31 - 1) {
      throw new InvalidArgumentError(
        `source.factorSizes[${j}]`,
        `must be a positive integer, got ${size}`,
      );
    }
  });
  const factorSizes = Object.freeze([...sizes]);
  const f = factorSizes.length;
  let dim = 0;
  return {
    factorSizes,
    sample(n, rng, fixed) {
      if (source.sampleFactors === undefined)
        return sampleUniformFactors(factorSizes, n, rng, fixed);
      const out = source.sampleFactors(n, rng, fixed);
      if (!(out instanceof Int32Array) || out.length !== n * f) {
        throw new ShapeError(
          `source.sampleFactors(${n}) must return an Int32Array of ${n} × ${f} values`,
          [n, f],
          [out instanceof Int32Array ? out.length : -1],
        );
      }
      for (let i = 0; i < out.length; i++) {
        const j = i % f;
        const v = out[i]!;
        if (v < 0 || v >= factorSizes[j]!) {
          throw new InvalidArgumentError(
            'source.sampleFactors',
            `returned class ${v} for factor ${j} of size ${factorSizes[j]}`,
          );
        }
        if (fixed !== undefined && j === fixed.factor && v !== fixed.value) {
          throw new InvalidArgumentError(
            'source.sampleFactors',
            `did not hold factor ${j} at ${fixed.value}`,
          );
        }
      }
      return out;
    },
    async encode(factors, n) {
      signal?.throwIfAborted();
      const codes = await source.encode(factors, n);
      if (!(codes instanceof Float32Array || codes instanceof Float64Array)) {
        throw new InvalidArgumentError(
          'source.encode',
          'must return a Float32Array or Float64Array',
        );
      }
      const d = n > 0 ? codes.length / n : dim;
      if (!Number.isInteger(d) || d < 1 || (dim !== 0 && d !== dim)) {
        throw new ShapeError(
          `source.encode returned ${codes.length} values for ${n} points, not ${n} × ${dim === 0 ? 'latentDim' : dim}`,
          [n, dim === 0 ? null : dim],
          [codes.length],
        );
      }
      dim = d;
      for (let i = 0; i < codes.length; i++) {
        if (!Number.isFinite(codes[i]!)) {
          throw new NonFiniteError(
            'representation',
            `point ${Math.floor(i / d)}, dimension ${i % d}`,
          );
        }
      }
      return codes;
    },
    latentDim: () => dim,
  };
}
