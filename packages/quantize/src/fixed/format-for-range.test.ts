import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { bitLength, formatForMaxAbs, signedWidthFor } from './format-for-range.js';
import { quantize } from './quantize.js';

describe('formatForMaxAbs', () => {
  it('picks the finest format that holds ±maxAbs without saturating', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 32 }),
        (m, w) => {
          const f = formatForMaxAbs(m, w);
          const top = 2 ** (w - 1) - 1;
          expect(m * 2 ** f.frac).toBeLessThanOrEqual(top);
          expect(m * 2 ** (f.frac + 1)).toBeGreaterThan(top); // one more bit would not fit
          expect(quantize(m, f, { rounding: 'half-up' })).toBeLessThanOrEqual(top);
        },
      ),
    );
    expect(formatForMaxAbs(1, 16).frac).toBe(14); // 1·2^14 ≤ 32767 < 2^15
    expect(formatForMaxAbs(0, 8).frac).toBe(6);
  });

  it('sizes signed widths from integer bounds', () => {
    expect(bitLength(0)).toBe(0);
    expect(bitLength(255)).toBe(8);
    expect(bitLength(256)).toBe(9);
    expect(signedWidthFor(127)).toBe(8);
    expect(signedWidthFor(128)).toBe(9);
    expect(() => signedWidthFor(2 ** 53 - 1)).toThrow(QuantizationError);
  });
});
