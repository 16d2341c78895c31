import { readFileSync } from 'node:fs';
import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { discreteEntropy } from './discrete-entropy.js';
import { discreteMutualInformation } from './discrete-mutual-information.js';

const ref = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/mig-reference.json', import.meta.url), 'utf8'),
) as {
  n: number;
  factors: number[][];
  numBins: Record<
    string,
    { bins: number[][]; mutualInformation: number[][]; factorEntropy: number[] }
  >;
};
const column = (rows: number[][], j: number) => rows.map((r) => r[j]!);

describe('discreteMutualInformation / discreteEntropy', () => {
  it('closed forms: I(x; x) = H(x) = ln K for K equally frequent labels; 0 for independent ones', () => {
    const x = Array.from({ length: 120 }, (_, i) => i % 5);
    expect(discreteEntropy(x)).toBeCloseTo(Math.log(5), 12);
    expect(discreteMutualInformation(x, x)).toBeCloseTo(Math.log(5), 12);
    // A full 3 × 4 grid repeated: exactly independent.
    const a = Array.from({ length: 240 }, (_, i) => i % 3);
    const b = Array.from({ length: 240 }, (_, i) => Math.floor(i / 3) % 4);
    expect(discreteMutualInformation(a, b)).toBeCloseTo(0, 12);
    // y a function of x: I = H(y). Labels need not be 0-based or contiguous.
    const y = x.map((v) => (v < 2 ? -7 : 1000));
    const py = [2 / 5, 3 / 5];
    expect(discreteMutualInformation(x, y)).toBeCloseTo(
      -py.reduce((s, p) => s + p * Math.log(p), 0),
      12,
    );
    expect(discreteEntropy([4, 4, 4])).toBe(0);
  });

  it('matches a NumPy contingency-table reference on binned codes vs factors', () => {
    const bins = ref.numBins['20']!;
    for (let d = 0; d < bins.mutualInformation.length; d++) {
      for (let k = 0; k < ref.factors[0]!.length; k++) {
        const mi = discreteMutualInformation(column(bins.bins, d), column(ref.factors, k));
        expect(mi).toBeCloseTo(bins.mutualInformation[d]![k]!, 12);
      }
    }
    bins.factorEntropy.forEach((h, k) => {
      expect(discreteEntropy(column(ref.factors, k))).toBeCloseTo(h, 12);
    });
  });

  it('uses a sparse table for many labels (same value as the dense one)', () => {
    const n = 3000;
    const x = Array.from({ length: n }, (_, i) => i); // all distinct: I(x; y) = H(y)
    const y = Array.from({ length: n }, (_, i) => (i * 7919) % 11);
    expect(discreteMutualInformation(x, y)).toBeCloseTo(discreteEntropy(y), 10);
  });

  it('refuses mismatched lengths and non-integer labels', () => {
    expect(() => discreteMutualInformation([1, 2], [1])).toThrow(ShapeError);
    expect(() => discreteMutualInformation([], [])).toThrow(ShapeError);
    expect(() => discreteMutualInformation([1, 0.5], [1, 2])).toThrow(InvalidArgumentError);
    expect(() => discreteEntropy([])).toThrow(ShapeError);
  });
});
