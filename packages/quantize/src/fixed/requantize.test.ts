import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { overflowBig, roundRational } from './exact-reference.testutil.js';
import { fixedFormat } from './fixed-format.js';
import { dequantize, quantize } from './quantize.js';
import { requantize } from './requantize.js';
import { OVERFLOW_MODES, ROUNDING_MODES } from './rounding.js';

describe('requantize', () => {
  it('equals quantizing the exact rational value, and a BigInt shift-round-clip reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 53 }),
        fc.integer({ min: -30, max: 60 }),
        fc.integer({ min: 2, max: 53 }),
        fc.integer({ min: -30, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.constantFrom(...OVERFLOW_MODES),
        (w1, f1, w2, f2, u, rounding, overflow) => {
          const from = fixedFormat(w1, f1);
          const to = fixedFormat(w2, f2);
          const lo = -(2 ** (w1 - 1));
          const code = Math.min(2 ** (w1 - 1) - 1, lo + Math.floor(u * 2 ** w1));
          const got = requantize(code, from, to, { rounding, overflow });
          // dequantize is exact (code < 2^53 times a power of two), so this is the exact value.
          expect(got).toBe(quantize(dequantize(code, from), to, { rounding, overflow }));
          const ref = overflowBig(roundRational(BigInt(code), f1 - f2, rounding), w2, overflow);
          expect(got).toBe(Number(ref));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('is the identity between equal formats and exact when widening', () => {
    const a = fixedFormat(8, 4);
    const b = fixedFormat(16, 8);
    for (let c = -128; c < 128; c++) {
      expect(requantize(c, a, a)).toBe(c);
      expect(requantize(c, a, b)).toBe(c * 16);
      expect(requantize(c * 16, b, a)).toBe(c);
    }
  });

  it('rejects codes outside the source format', () => {
    expect(() => requantize(128, fixedFormat(8, 0), fixedFormat(8, 0))).toThrow(QuantizationError);
  });
});
