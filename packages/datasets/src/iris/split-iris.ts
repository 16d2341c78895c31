import { InvalidArgumentError, requireKnownOptions, type SeedLike } from '@latentkit/core';
import { gatherRows } from '../batching/gather-rows.js';
import { trainValidationSplit } from '../batching/train-validation-split.js';
import { checkFraction, checkSeedPresent } from '../internal/check-options.js';
import {
  applyStandardizer,
  fitStandardizer,
  type Standardizer,
} from '../preprocessing/standardizer.js';
import { type IrisData, loadIris } from './load-iris.js';

/** Options of {@link splitIris}. */
export interface IrisSplitOptions {
  /** Seed or generator choosing the test rows. Required. */
  seed: SeedLike;
  /** Fraction of rows in the test split, strictly between 0 and 1. Default 0.2 (30 rows). */
  testFraction?: number;
  /** Keep the 1:1:1 class balance in both splits. Default `true`. */
  stratify?: boolean;
  /**
   * Z-score the features with means and standard deviations computed on the **training rows
   * only**, and apply the same transform to the test rows. Default `false`.
   */
  standardize?: boolean;
  /** Data to split. Default {@link loadIris}(). */
  data?: IrisData;
}

/** One part of an Iris split. */
export interface IrisSubset {
  /** Features `[count, 4]` row-major (standardized if asked). */
  features: Float32Array;
  /** Species labels 0–2. */
  labels: Uint8Array;
  /** Row indices into the full data set, ascending. */
  indices: Int32Array;
  /** Number of rows. */
  count: number;
}

/** The result of {@link splitIris}. */
export interface IrisSplit {
  /** Training rows. */
  train: IrisSubset;
  /** Test rows. */
  test: IrisSubset;
  /** The training-split statistics used to standardize, or `null` if `standardize` was false. */
  standardizer: Standardizer | null;
}

/**
 * A seeded train/test split of Iris, stratified by species by default, with optional
 * standardization fitted on the training split only (no test-set leakage).
 *
 * @param options - See {@link IrisSplitOptions}.
 * @throws {@link InvalidArgumentError} for a missing seed or a fraction outside (0, 1);
 *   {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { splitIris } from '@latentkit/datasets';
 *
 * const { train, test, standardizer } = splitIris({ seed: 1, testFraction: 0.2, standardize: true });
 * // train.features: Float32Array [120, 4] (zero mean, unit variance); test: 30 rows, same scaling
 * ```
 */
export function splitIris(options: IrisSplitOptions): IrisSplit {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object with at least a seed');
  }
  requireKnownOptions(
    options,
    ['seed', 'testFraction', 'stratify', 'standardize', 'data'],
    'splitIris',
  );
  checkSeedPresent(options.seed, 'seed');
  // Checked here so that the message names this function's option, not the helper's.
  const testFraction = checkFraction(options.testFraction ?? 0.2, 'testFraction');
  const data = options.data ?? loadIris();
  const stratify = options.stratify ?? true;
  const { train, validation } = trainValidationSplit(data.count, {
    validationFraction: testFraction,
    seed: options.seed,
    ...(stratify ? { stratify: data.labels } : {}),
  });
  const standardizer = options.standardize
    ? fitStandardizer(data.features, data.numFeatures, train)
    : null;
  const subset = (indices: Int32Array): IrisSubset => {
    const raw = gatherRows(data.features, data.numFeatures, indices);
    return {
      features: standardizer ? applyStandardizer(raw, standardizer) : raw,
      labels: gatherRows(data.labels, 1, indices),
      indices,
      count: indices.length,
    };
  };
  return { train: subset(train), test: subset(validation), standardizer };
}
