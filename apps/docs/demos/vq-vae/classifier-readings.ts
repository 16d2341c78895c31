import { classifyImages, type MnistClassifier } from '../common/mnist-classifier.js';

/** Top-class probability at or above which an image counts as "read as a digit". */
export const READ_AS_DIGIT = 0.9;

/** What {@link classifierReadings} returns. */
export interface ClassifierReadings {
  /** Mean over the images of the classifier's largest class probability, in [0.1, 1]. */
  meanTop: number;
  /** Fraction of images whose top-class probability is ≥ {@link READ_AS_DIGIT}. */
  readAsDigit: number;
  /**
   * Entropy (bits) of the histogram of predicted digits: log2(10) ≈ 3.32 when every digit is
   * read equally often, 0 when all images read as one digit. A diversity check for samples.
   */
  classEntropy: number;
  /** The predicted digit of each image. */
  labels: Uint8Array;
  /** The top-class probability of each image. */
  confidence: Float32Array;
}

/**
 * How confidently the MNIST classifier reads images as digits: real digits and good samples
 * score high, decoded random code grids low.
 *
 * @param classifier - The pretrained MLP classifier.
 * @param images - `n × 784` intensities in [0, 1] (or grey levels as a Uint8Array).
 * @param n - Number of images.
 * @param batchSize - Images per forward pass. Default 1000.
 * @throws `ShapeError` when `images` does not hold `n` rows.
 */
export function classifierReadings(
  classifier: MnistClassifier,
  images: Float32Array | Uint8Array,
  n: number,
  batchSize = 1000,
): ClassifierReadings {
  let sum = 0;
  let read = 0;
  const labels = new Uint8Array(n);
  const top = new Float32Array(n);
  for (let s = 0; s < n; s += batchSize) {
    const m = Math.min(batchSize, n - s);
    const { labels: l, confidence } = classifyImages(
      classifier,
      images.subarray(s * 784, (s + m) * 784),
      m,
    );
    labels.set(l, s);
    top.set(confidence, s);
    for (const c of confidence) {
      sum += c;
      if (c >= READ_AS_DIGIT) read++;
    }
  }
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  const classEntropy = counts.reduce((h, c) => (c > 0 ? h - (c / n) * Math.log2(c / n) : h), 0);
  return { meanTop: sum / n, readAsDigit: read / n, classEntropy, labels, confidence: top };
}
