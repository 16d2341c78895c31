import { describe, expect, it } from 'vitest';
import { IRIS_CLASS_NAMES, loadIris } from './load-iris.js';

describe('loadIris', () => {
  it('has 150 × 4 measurements and 50 flowers of each species', () => {
    const iris = loadIris();
    expect(iris.count).toBe(150);
    expect(iris.numFeatures).toBe(4);
    expect(iris.features).toBeInstanceOf(Float32Array);
    expect(iris.features.length).toBe(600);
    const counts = [0, 0, 0];
    for (const l of iris.labels) counts[l]!++;
    expect(counts).toEqual([50, 50, 50]);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('matches well-known rows of Fisher’s table', () => {
    const iris = loadIris();
    // Row 1: 5.1, 3.5, 1.4, 0.2 setosa; row 150: 5.9, 3.0, 5.1, 1.8 virginica.
    expect(Array.from(iris.features.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(Array.from(iris.features.subarray(596, 600))).toEqual(
      [5.9, 3.0, 5.1, 1.8].map(Math.fround),
    );
    expect(IRIS_CLASS_NAMES[iris.labels[0]!]).toBe('setosa');
    expect(IRIS_CLASS_NAMES[iris.labels[149]!]).toBe('virginica');
    // Published column means: 5.843, 3.057, 3.758, 1.199 cm.
    const means = [0, 1, 2, 3].map((j) => {
      let s = 0;
      for (let i = 0; i < 150; i++) s += iris.features[i * 4 + j]!;
      return s / 150;
    });
    [5.843, 3.057, 3.758, 1.199].forEach((m, j) => {
      expect(means[j]).toBeCloseTo(m, 2);
    });
  });

  it('returns a fresh copy each time', () => {
    const a = loadIris();
    a.features[0] = 99;
    expect(loadIris().features[0]).toBe(Math.fround(5.1));
  });
});
