import { initBackend } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyImages,
  createMnistClassifier,
  type MnistClassifier,
} from '../common/mnist-classifier.js';
import { classifierReadings, READ_AS_DIGIT } from './classifier-readings.js';

let classifier: MnistClassifier;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  classifier = createMnistClassifier(
    { kind: 'mlp-classifier', inputSize: 784, hidden: [8], numClasses: 10 },
    2,
  );
});
afterAll(() => classifier.dispose());

describe('classifierReadings', () => {
  it('mean and fraction of the top-class probabilities, the same in any batch size', () => {
    const n = 7;
    const images = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 13) % 29) / 28);
    const r = classifierReadings(classifier, images, n, 3);
    const ref = classifyImages(classifier, images, n);
    expect(Array.from(r.labels)).toEqual(Array.from(ref.labels));
    const mean = ref.confidence.reduce((a, b) => a + b, 0) / n;
    expect(r.meanTop).toBeCloseTo(mean, 6);
    expect(r.readAsDigit).toBe(ref.confidence.filter((c) => c >= READ_AS_DIGIT).length / n);
    expect(classifierReadings(classifier, images, n).meanTop).toBeCloseTo(r.meanTop, 6);
  });

  it('class entropy: 0 for one repeated image, the entropy of the label histogram otherwise', () => {
    const one = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 6);
    const same = new Float32Array(5 * 784);
    for (let k = 0; k < 5; k++) same.set(one, k * 784);
    expect(classifierReadings(classifier, same, 5).classEntropy).toBe(0);
    // Varied images: the entropy (bits) of the histogram of the digits read, at most log2 10.
    const n = 40;
    const images = Float32Array.from(
      { length: n * 784 },
      (_, i) => ((i * 31 + (i % 784) * (Math.floor(i / 784) + 1)) % 97) / 96,
    );
    const r = classifierReadings(classifier, images, n);
    const counts = new Map<number, number>();
    for (const l of r.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
    expect(r.classEntropy).toBeCloseTo(h, 9);
    expect(r.classEntropy).toBeLessThanOrEqual(Math.log2(10) + 1e-9);
  });
});
