import { readFileSync } from 'node:fs';
import { InvalidArgumentError, ShapeError, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { mutualInformationGap } from './mutual-information-gap.js';

const ref = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/mig-reference.json', import.meta.url), 'utf8'),
) as {
  n: number;
  codes: number[][];
  factors: number[][];
  numBins: Record<
    string,
    { mutualInformation: number[][]; factorEntropy: number[]; gaps: (number | null)[]; mig: number }
  >;
};

describe('mutualInformationGap', () => {
  it("matches disentanglement_lib's _compute_mig as re-run in NumPy (20 and 7 bins)", () => {
    const codes = Float64Array.from(ref.codes.flat());
    const factors = Int32Array.from(ref.factors.flat());
    for (const bins of ['20', '7']) {
      const r = mutualInformationGap(codes, factors, ref.n, { numBins: Number(bins) });
      const want = ref.numBins[bins]!;
      expect(r.mig).toBeCloseTo(want.mig, 12);
      want.gaps.forEach((g, k) => {
        if (g === null) expect(r.gaps[k]).toBeNaN();
        else expect(r.gaps[k]).toBeCloseTo(g, 12);
      });
      want.mutualInformation.flat().forEach((m, i) => {
        expect(r.mutualInformation[i]).toBeCloseTo(m, 12);
      });
      expect(r.usedFactors).toEqual([0, 1, 2]); // factor 3 is constant
      expect(r.latentDim).toBe(6);
      expect(r.topLatent[1]).toBe(0); // latent 0 copies factor 1
    }
  });

  it('a single latent dimension: the gap is its MI over the entropy', () => {
    const n = 60;
    const factors = Int32Array.from({ length: n }, (_, i) => i % 3);
    const codes = Float32Array.from(factors, (v) => v * 2);
    const r = mutualInformationGap(codes, factors, n);
    expect(r.mig).toBeCloseTo(1, 12);
  });

  it('refuses bad inputs', () => {
    const codes = new Float32Array(8);
    expect(() => mutualInformationGap(codes, new Int32Array(5), 4)).toThrow(ShapeError);
    expect(() => mutualInformationGap(new Float32Array(7), new Int32Array(4), 4)).toThrow(
      ShapeError,
    );
    expect(() => mutualInformationGap(codes, new Int32Array(4), 4)).toThrow(
      /every factor is constant/,
    );
    expect(() =>
      mutualInformationGap(codes, Int32Array.of(0, 1, 0, 1), 4, { bins: 3 } as never),
    ).toThrow(UnknownOptionError);
    expect(() => mutualInformationGap(codes, [0, 1, 0, 1] as never, 4)).toThrow(
      InvalidArgumentError,
    );
  });
});
