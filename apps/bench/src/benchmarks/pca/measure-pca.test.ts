import { describe, expect, it } from 'vitest';
import { denseRatios, pcaSeconds, sklearnRatios, sum } from './measure-pca.js';
import type { SklearnFigures } from './run-sklearn.js';

const sk: SklearnFigures = {
  randomized: { seconds: 2, all: [2, 3], evr50: 0.82 },
  full: { seconds: 8, all: [8], evr50: 0.825 },
  numpy_cov_eigh: { seconds: 1 },
  sklearn_version: '1.4',
};

describe('pca measures', () => {
  it('takes the best (fastest) run of each fit in seconds', () => {
    const ours = pcaSeconds({
      exact1: { minMs: 6000 },
      exactN: { minMs: 4000 },
      randomizedN: { minMs: 1000 },
    });
    expect(ours).toEqual({ exact: 4, exactOneThread: 6, randomized: 1 });
  });

  it('divides latentkit’s seconds by scikit-learn’s and subtracts the EVR sums', () => {
    const r = sklearnRatios({ exact: 4, exactOneThread: 6, randomized: 1 }, 0.8255, sk);
    expect(r.exactOverRandomized).toBe(2);
    expect(r.exactOneThreadOverRandomized).toBe(3);
    expect(r.exactOverFull).toBe(0.5);
    expect(r.randomizedOverRandomized).toBe(0.5);
    expect(r.evrDifference).toBeCloseTo(0.0005, 12);
  });

  it('sums typed arrays', () => {
    expect(sum(Float64Array.from([0.5, 0.25, 0.125]))).toBe(0.875);
  });
});

describe('denseRatios', () => {
  it('divides latentkit’s best seconds by each baseline’s and subtracts the EVR sums', () => {
    const r = denseRatios(3, 0.9, {
      randomized: { seconds: 1.5, evr50: 0.8995 },
      numpy_cov_eigh: { seconds: 6 },
    });
    expect(r.overRandomized).toBe(2);
    expect(r.overNumpyEigh).toBe(0.5);
    expect(r.evrDifference).toBeCloseTo(0.0005, 12);
  });
});
