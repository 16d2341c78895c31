/** What {@link summarizeProbabilities} returns. */
export interface TopClassSummary {
  /** Mean over the examples of the largest class probability, in [1/C, 1]. */
  meanTopProbability: number;
  /** Median of the same. */
  medianTopProbability: number;
  /** The most probable class of each example (ties: the lowest class). */
  predicted: Int32Array;
  /** Fraction of the examples predicted as each class. */
  classShares: number[];
  /** Fraction of correct predictions, when labels are given. */
  accuracy?: number;
}

/**
 * Summarizes a classifier's output on a set of images: how confident it is (the mean top-class
 * probability, the figure the VQ-VAE suite compares between real digits, prior samples and
 * random codes), what it predicts, and its accuracy when labels are known.
 *
 * @param probs - `[n, C]` class probabilities, row-major (rows sum to 1).
 * @param numClasses - C.
 * @param labels - True classes, one per row (optional).
 * @throws {RangeError} for a length that is not a positive multiple of C, or labels of another
 *   length.
 */
export function summarizeProbabilities(
  probs: ArrayLike<number>,
  numClasses: number,
  labels?: ArrayLike<number>,
): TopClassSummary {
  const n = probs.length / numClasses;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${probs.length} probabilities are not rows of ${numClasses} classes`);
  }
  if (labels && labels.length !== n) {
    throw new RangeError(`${labels.length} labels for ${n} rows`);
  }
  const predicted = new Int32Array(n);
  const top = new Float64Array(n);
  const shares = new Array<number>(numClasses).fill(0);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) {
      if (probs[i * numClasses + c]! > probs[i * numClasses + best]!) best = c;
    }
    predicted[i] = best;
    top[i] = probs[i * numClasses + best]!;
    shares[best]! += 1 / n;
    if (labels && labels[i] === best) correct++;
  }
  const sorted = Float64Array.from(top).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    meanTopProbability: top.reduce((a, b) => a + b, 0) / n,
    medianTopProbability: median,
    predicted,
    classShares: shares,
    ...(labels ? { accuracy: correct / n } : {}),
  };
}
