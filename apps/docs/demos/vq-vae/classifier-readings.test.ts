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
});
