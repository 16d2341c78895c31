import { readFileSync } from 'node:fs';
import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { histogramDiscretize } from './histogram-discretize.js';

// NumPy reference (tools/reference/mig_reference.py): codes [n × 6] float32, NumPy's bins.
const ref = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/mig-reference.json', import.meta.url), 'utf8'),
) as {
  n: number;
  codes: number[][];
  numBins: Record<string, { bins: number[][] }>;
};

describe('histogramDiscretize', () => {
  it("matches NumPy's digitize(x, histogram(x, bins)[1][:-1]), values on edges included", () => {
    const codes = Float64Array.from(ref.codes.flat());
    for (const bins of ['20', '7']) {
      const out = histogramDiscretize(codes, ref.n, Number(bins));
      expect(Array.from(out)).toEqual(ref.numBins[bins]!.bins.flat());
    }
  });

  it('splits a range into equal bins: minimum in bin 0, maximum in the last, constants together', () => {
    // Column 0: 0, 1, …, 9 into 5 bins of width 1.8 → edges 0, 1.8, 3.6, 5.4, 7.2.
    const n = 10;
    const values = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      values[2 * i] = i;
      values[2 * i + 1] = 7; // constant column
    }
    const out = histogramDiscretize(values, n, 5);
    expect(Array.from({ length: n }, (_, i) => out[2 * i])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    // A constant column spans [v − ½, v + ½]: v sits at the middle edge, bin 5 of 10 (or 2 of 5).
    expect(new Set(Array.from({ length: n }, (_, i) => out[2 * i + 1]))).toEqual(new Set([2]));
  });

  it('float32 data: edges are float64 values rounded to float32 (NumPy 1.x, disentanglement_lib)', () => {
    // Range [0, 39] in 20 bins: edge 9 is fround(9 · 1.95) = fround(17.55), and a float32 17.55
    // lies exactly on it, so it opens bin 9. (NumPy ≥ 2 rounds every step to float32, giving the
    // edge 17.550001 and bin 8; that version postdates disentanglement_lib.)
    const values = Float32Array.of(0, 39, 17.55, 17.5);
    expect(Math.fround(9 * 1.95)).toBe(values[2]);
    expect(Array.from(histogramDiscretize(values, 4, 20))).toEqual([0, 19, 9, 8]);
  });

  it('refuses bad shapes, options and non-finite values', () => {
    expect(() => histogramDiscretize(new Float32Array(5), 2)).toThrow(ShapeError);
    expect(() => histogramDiscretize(new Float32Array(4), 2, 0)).toThrow(InvalidArgumentError);
    expect(() => histogramDiscretize(Float32Array.of(1, Number.NaN), 2)).toThrow(/row 1, column 0/);
    expect(() => histogramDiscretize([1, 2] as unknown as Float32Array, 2)).toThrow(
      InvalidArgumentError,
    );
  });
});
