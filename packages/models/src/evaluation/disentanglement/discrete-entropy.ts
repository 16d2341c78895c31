import { ShapeError } from '@latentkit/core';
import { discreteMutualInformation } from './discrete-mutual-information.js';

/**
 * Entropy of a discrete labeling from its empirical frequencies, in nats:
 * `H = −Σₖ (cₖ/N) ln(cₖ/N)` (what disentanglement_lib's `discrete_entropy` computes as
 * `mutual_info_score(y, y)`). 0 for a single value; ln K for K equally frequent values.
 *
 * @param labels - Integer labels of N ≥ 1 points.
 * @returns H in nats.
 * @throws {@link ShapeError} for no labels; `InvalidArgumentError` for a non-integer label.
 *
 * @example
 * ```ts
 * import { discreteEntropy } from '@latentkit/models';
 *
 * discreteEntropy([0, 1, 0, 1]); // → ln 2 ≈ 0.693 nats
 * discreteEntropy([3, 3, 3]); // → 0
 * ```
 */
export function discreteEntropy(labels: ArrayLike<number>): number {
  if (labels?.length === undefined || labels.length === 0) {
    throw new ShapeError('labels must be a non-empty array', [null], [0]);
  }
  return discreteMutualInformation(labels, labels);
}
