import { describe, expect, it } from 'vitest';
import { classCentroids, nearestCentroid } from './nearest-centroid.js';

describe('classCentroids', () => {
  it('averages the rows of each class, with an optional scale', () => {
    const x = Uint8Array.from([0, 10, 2, 30, 100, 100]);
    const c = classCentroids(x, [0, 0, 1], 2, 2, 0.5);
    expect([...c]).toEqual([0.5, 10, 50, 50]);
  });

  it('rejects empty classes, labels out of range and mismatched sizes', () => {
    expect(() => classCentroids([1, 2], [0], 2, 2)).toThrow(/class 1 has no rows/);
    expect(() => classCentroids([1, 2], [3], 2, 2)).toThrow(RangeError);
    expect(() => classCentroids([1, 2, 3], [0], 1, 2)).toThrow(RangeError);
  });
});

describe('nearestCentroid', () => {
  it('assigns each row to the closest centroid (ties to the lower index)', () => {
    const centroids = Float64Array.from([0, 0, 10, 10]);
    expect([...nearestCentroid([1, 1, 9, 8, 5, 5], centroids, 2)]).toEqual([0, 1, 0]);
    expect([...nearestCentroid([20, 20], centroids, 2, 0.5)]).toEqual([1]);
  });
});
