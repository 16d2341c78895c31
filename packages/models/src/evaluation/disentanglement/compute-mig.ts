import { requireKnownOptions, type SeedLike, toRng } from '@latentkit/core';
import { checkInt } from '../../internal/check.js';
import type { FactorSource } from './factor-source.js';
import { checkFactorSource } from './factor-source-access.js';
import { type MigResult, mutualInformationGap } from './mutual-information-gap.js';

/** Options of {@link computeMig}. */
export interface ComputeMigOptions {
  /** Points sampled. Default 10 000 (disentanglement_lib's `mig.num_train`). */
  numPoints?: number;
  /** Histogram bins per latent dimension. Default 20. */
  numBins?: number;
  /** Seed of the sampled factors. Default 0. */
  seed?: SeedLike;
  /** Points per `source.encode` call (does not change the result). Default 1000. */
  encodeBatchSize?: number;
  /** Stops the computation before the next `encode` call; the call rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * The Mutual Information Gap of a representation on a ground-truth process, with
 * disentanglement_lib's defaults: `numPoints` factor vectors are drawn (all at once, from
 * `fork('mig')` of the seed's generator, so the result does not depend on `encodeBatchSize`),
 * encoded by `source.encode`, and scored by {@link mutualInformationGap} (20-bin histograms, MI
 * and entropies in nats). Same seed (and deterministic `encode`) → same result.
 *
 * @param source - The factors and the representation (see {@link FactorSource}).
 * @param options - See {@link ComputeMigOptions}.
 * @returns See {@link MigResult}.
 * @throws {@link InvalidArgumentError} / `UnknownOptionError` for bad options or a bad source;
 *   `ShapeError` / `NonFiniteError` when `encode` returns a wrongly sized or non-finite result.
 *
 * @example
 * ```ts
 * import { computeMig, dspritesFactorSource } from '@latentkit/models';
 * import { renderDsprites } from '@latentkit/datasets';
 *
 * const source = dspritesFactorSource(model, { renderDsprites, resolution: 64 });
 * const { mig, gaps } = await computeMig(source, { numPoints: 10_000, seed: 0 });
 * // mig in [0, 1] (higher = more disentangled); gaps: Float64Array, one per factor
 * ```
 */
export async function computeMig(
  source: FactorSource,
  options: ComputeMigOptions = {},
): Promise<MigResult> {
  requireKnownOptions(
    options,
    ['numPoints', 'numBins', 'seed', 'encodeBatchSize', 'signal'],
    'computeMig options',
  );
  const numPoints = checkInt(options.numPoints ?? 10_000, 'numPoints', 2);
  const numBins = checkInt(options.numBins ?? 20, 'numBins', 1, 2 ** 24);
  const chunk = checkInt(options.encodeBatchSize ?? 1000, 'encodeBatchSize');
  const checked = checkFactorSource(source, options.signal);
  const f = checked.factorSizes.length;
  const factors = checked.sample(numPoints, toRng(options.seed ?? 0).fork('mig'));
  let codes: Float32Array | Float64Array | undefined;
  for (let start = 0; start < numPoints; start += chunk) {
    const m = Math.min(chunk, numPoints - start);
    const part = await checked.encode(factors.slice(start * f, (start + m) * f), m);
    const d = checked.latentDim();
    codes ??=
      part instanceof Float64Array
        ? new Float64Array(numPoints * d)
        : new Float32Array(numPoints * d);
    codes.set(part, start * d);
  }
  return mutualInformationGap(codes!, factors, numPoints, { numBins });
}
