import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { fixedFormat } from '../fixed/fixed-format.js';
import { accumulatorBound, accumulatorFormatFor } from './accumulator-bound.js';

describe('accumulatorBound', () => {
  it('equals the largest |partial sum| over ALL input codes (brute force), so the width suffices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }), // input width: 4–16 codes per input
        fc.array(fc.integer({ min: -8, max: 7 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -8, max: 7 }),
        fc.integer({ min: 0, max: 3 }),
        (wx, w, b, biasShift) => {
          const input = fixedFormat(wx, 1);
          const weightFormat = fixedFormat(4, 2);
          const biasFormat = fixedFormat(4, 3 - biasShift);
          const layer = {
            inFeatures: 3,
            outFeatures: 1,
            input,
            weightFormat,
            weights: w,
            biasFormat,
            biases: [b],
          };
          const bound = Number(accumulatorBound(layer));
          const lo = -(2 ** (wx - 1));
          const hi = 2 ** (wx - 1) - 1;
          let worst = 0;
          for (let x0 = lo; x0 <= hi; x0++)
            for (let x1 = lo; x1 <= hi; x1++)
              for (let x2 = lo; x2 <= hi; x2++) {
                const xs = [x0, x1, x2];
                let acc = b * 2 ** biasShift;
                worst = Math.max(worst, Math.abs(acc));
                for (let i = 0; i < 3; i++) {
                  acc += xs[i]! * w[i]!;
                  worst = Math.max(worst, Math.abs(acc));
                }
              }
          expect(worst).toBeLessThanOrEqual(bound);
          // Tight without bias when all weights share a sign: x_i = −2^(Wx−1) reaches −B.
          if (b === 0 && (w.every((v) => v >= 0) || w.every((v) => v <= 0)))
            expect(worst).toBe(bound);
          const acc = accumulatorFormatFor(layer);
          expect(bound).toBeLessThanOrEqual(2 ** (acc.width - 1) - 1);
          expect(acc.frac).toBe(3);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a bias finer than the accumulator and widths beyond 53 bits', () => {
    const base = {
      inFeatures: 1,
      outFeatures: 1,
      input: fixedFormat(8, 4),
      weightFormat: fixedFormat(8, 4),
      weights: [1],
      biases: [1],
    };
    expect(() => accumulatorBound({ ...base, biasFormat: fixedFormat(8, 9) })).toThrow(
      QuantizationError,
    );
    const huge = {
      ...base,
      input: fixedFormat(53, 0),
      weightFormat: fixedFormat(53, 0),
      weights: [2 ** 52 - 1],
      biasFormat: fixedFormat(8, 0),
    };
    expect(() => accumulatorFormatFor(huge)).toThrow(/53 bits/);
  });

  it('refuses weights or biases of the wrong length with a QuantizationError, not a RangeError', () => {
    const layer = {
      inFeatures: 2,
      outFeatures: 2,
      input: fixedFormat(8, 4),
      weightFormat: fixedFormat(8, 4),
      weights: [1, 2, 3, 4],
      biasFormat: fixedFormat(8, 4),
      biases: [1, 2],
    };
    expect(() => accumulatorBound(layer)).not.toThrow();
    for (const bad of [{ weights: [1, 2, 3] }, { biases: [1] }]) {
      const run = () => accumulatorBound({ ...layer, ...bad });
      expect(run).toThrow(QuantizationError);
      expect(run).toThrow(/2 → 2 layer needs 4 weight and 2 bias codes/);
    }
  });
});
