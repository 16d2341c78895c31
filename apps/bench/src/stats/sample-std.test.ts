import { describe, expect, it } from 'vitest';
import { sampleStd } from './sample-std.js';

describe('sampleStd', () => {
  it('uses the n − 1 denominator', () => {
    // mean 5, squared deviations 9 + 1 + 1 + 9 = 20, / 3
    expect(sampleStd([2, 4, 6, 8])).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(sampleStd([105.25, 105.76])).toBeCloseTo(Math.abs(105.76 - 105.25) / Math.SQRT2, 12);
  });

  it('is 0 for one value or none', () => {
    expect(sampleStd([3])).toBe(0);
    expect(sampleStd([])).toBe(0);
  });
});
