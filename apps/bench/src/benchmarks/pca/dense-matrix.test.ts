import { createRng } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { denseLowRankMatrix } from './dense-matrix.js';

describe('denseLowRankMatrix', () => {
  it('gives the same bytes for the same seed and others for another seed', () => {
    const spec = { rows: 40, cols: 12, rank: 3, noise: 0.1, seed: 5 };
    const a = denseLowRankMatrix(spec);
    expect(a).toHaveLength(480);
    expect(denseLowRankMatrix(spec)).toEqual(a);
    expect(denseLowRankMatrix({ ...spec, seed: 6 })).not.toEqual(a);
  });

  it('is the column means plus U·diag(0.95^r)·V/√cols, rebuilt from the same draws', () => {
    const [rows, cols, rank] = [5, 4, 2];
    const x = denseLowRankMatrix({ rows, cols, rank, noise: 0, seed: 3 });
    // The documented draw order: means, then V row by row, then per row U's entries and noise.
    const rng = createRng(3);
    const mean = Array.from({ length: cols }, () => rng.next());
    const v = Array.from({ length: rank }, (_, r) =>
      Array.from({ length: cols }, () => (rng.normal() * 0.95 ** r) / Math.sqrt(cols)),
    );
    for (let i = 0; i < rows; i++) {
      const u = Array.from({ length: rank }, () => rng.normal());
      for (let j = 0; j < cols; j++) {
        const want = mean[j]! + u[0]! * v[0]![j]! + u[1]! * v[1]![j]!;
        expect(x[i * cols + j]).toBeCloseTo(want, 6);
        rng.normal(); // the noise draw (σ = 0 here)
      }
    }
  });

  it('has rank ≤ rank once centred when there is no noise', () => {
    // Rows of a rank-1 signal plus the same mean: every centred row is a multiple of one row.
    const [rows, cols] = [6, 5];
    const x = denseLowRankMatrix({ rows, cols, rank: 1, noise: 0, seed: 9 });
    const d = (i: number, j: number) => x[i * cols + j]! - x[j]!; // row i − row 0
    for (let i = 2; i < rows; i++) {
      const ratio = d(i, 0) / d(1, 0);
      for (let j = 1; j < cols; j++) expect(d(i, j)).toBeCloseTo(ratio * d(1, j), 4);
    }
  });

  it('refuses bad sizes', () => {
    expect(() => denseLowRankMatrix({ rows: 0, cols: 2, rank: 1, noise: 0, seed: 1 })).toThrow(
      RangeError,
    );
    expect(() => denseLowRankMatrix({ rows: 2, cols: 2, rank: 1, noise: -1, seed: 1 })).toThrow(
      RangeError,
    );
  });
});
