import { describe, expect, it } from 'vitest';
import { stripColumns } from './reconstruction-figure.js';

describe('stripColumns', () => {
  it('picks the first vector of each digit 0…9, in digit order', () => {
    const labels = Uint8Array.from([3, 0, 1, 1, 2, 9, 4, 5, 6, 7, 8, 0]);
    expect(stripColumns(labels, labels.length)).toEqual([1, 2, 4, 0, 6, 7, 8, 9, 10, 5]);
  });

  it('falls back to the first columns when the simulated vectors miss a digit', () => {
    const labels = Uint8Array.from([3, 0, 1, 1, 2, 9, 4, 5, 6, 7, 8, 0]);
    expect(stripColumns(labels, 6)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
