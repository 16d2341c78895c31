import { describe, expect, it } from 'vitest';
import { nmse, pixelVariance, sumSquaredError } from './nmse.js';

describe('NMSE', () => {
  it('pixelVariance is the population variance of the scaled values', () => {
    // Values 0, 2, 4, 6: mean 3, squared deviations 9, 1, 1, 9 → 5.
    expect(pixelVariance([0, 2, 4, 6])).toBe(5);
    // Bytes scaled by 1/2: 0, 1, 2, 3 → variance 1.25.
    expect(pixelVariance(Uint8Array.from([0, 2, 4, 6]), 0.5)).toBeCloseTo(1.25, 12);
    expect(() => pixelVariance([])).toThrow(RangeError);
  });

  it('sumSquaredError scales the target first', () => {
    expect(sumSquaredError([255, 0], [0.5, 0.25], 1 / 255)).toBeCloseTo(0.25 + 0.0625, 12);
    expect(() => sumSquaredError([1], [1, 2])).toThrow(RangeError);
  });

  it('predicting the mean everywhere scores 1, a perfect reconstruction 0', () => {
    const x = Uint8Array.from([0, 51, 102, 255, 255, 0]);
    const v = pixelVariance(x, 1 / 255);
    const mean = Array.from(x).reduce((a, b) => a + b, 0) / x.length / 255;
    const flat = new Array<number>(x.length).fill(mean);
    expect(nmse(sumSquaredError(x, flat, 1 / 255), x.length, v)).toBeCloseTo(1, 12);
    const exact = Array.from(x, (b) => b / 255);
    expect(nmse(sumSquaredError(x, exact, 1 / 255), x.length, v)).toBe(0);
    expect(() => nmse(1, 0, 1)).toThrow(RangeError);
    expect(() => nmse(1, 1, 0)).toThrow(RangeError);
  });
});
