import { NonFiniteError, UnknownOptionError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorDivPow2, overflowBig, roundRational } from './exact-reference.testutil.js';
import { fixedFormat } from './fixed-format.js';
import { dequantize, dequantizeArray, quantize, quantizeArray } from './quantize.js';
import {
  OVERFLOW_MODES,
  type OverflowMode,
  ROUNDING_MODES,
  type RoundingMode,
} from './rounding.js';

const modeArb = fc.constantFrom(...ROUNDING_MODES);
const overflowArb = fc.constantFrom(...OVERFLOW_MODES);
/** A dyadic rational n · 2^−k with a safe-integer n: an exact double whose exact value we know. */
const dyadicArb = fc.record({
  n: fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n }),
  k: fc.integer({ min: 0, max: 70 }),
});
const formatArb = fc.record({
  width: fc.integer({ min: 2, max: 53 }),
  frac: fc.integer({ min: -20, max: 60 }),
});

describe('quantize', () => {
  it('rounds the exact value by each mode’s definition, then saturates or wraps', () => {
    fc.assert(
      fc.property(dyadicArb, formatArb, modeArb, overflowArb, ({ n, k }, f, mode, ov) => {
        const x = Number(n) * 2 ** -k;
        const fmt = fixedFormat(f.width, f.frac);
        // x · 2^frac = n / 2^(k − frac)
        const expected = overflowBig(roundRational(n, k - f.frac, mode), f.width, ov);
        expect(quantize(x, fmt, { rounding: mode, overflow: ov })).toBe(Number(expected));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the textbook formulas on ties and near-ties', () => {
    const f = fixedFormat(8, 0);
    const q = (x: number, rounding: RoundingMode) => quantize(x, f, { rounding });
    expect([2.5, 3.5, -2.5, -3.5, 0.5, -0.5].map((x) => q(x, 'half-even'))).toEqual([
      2, 4, -2, -4, 0, 0,
    ]);
    expect([2.5, -2.5, -0.5, 0.49999999999999994].map((x) => q(x, 'half-up'))).toEqual([
      3, -2, 0, 0,
    ]);
    expect([2.7, -2.2, -0.0000001].map((x) => q(x, 'truncate'))).toEqual([2, -3, -1]);
    expect(Object.is(q(-0.2, 'half-even'), 0)).toBe(true); // never −0
  });

  it('saturate clamps and wrap is modular (2^width) for any double', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 2, max: 24 }),
        fc.integer({ min: -8, max: 30 }),
        (x, w, fr) => {
          const fmt = fixedFormat(w, fr);
          const lo = -(2 ** (w - 1));
          const hi = 2 ** (w - 1) - 1;
          const t = x * 2 ** fr;
          // floor of the exact value; a product that underflowed to ±0 came from a tiny x.
          const r = t === 0 && x !== 0 ? (x < 0 ? -1 : 0) : Math.floor(t) + 0;
          const sat = quantize(x, fmt, { rounding: 'truncate', overflow: 'saturate' });
          if (Number.isFinite(r)) expect(sat).toBe(Math.min(hi, Math.max(lo, r)));
          const wrap = quantize(x, fmt, { rounding: 'truncate', overflow: 'wrap' });
          expect(wrap).toBeGreaterThanOrEqual(lo);
          expect(wrap).toBeLessThanOrEqual(hi);
          if (Number.isFinite(r)) {
            const m = 1n << BigInt(w);
            expect((((BigInt(r) - BigInt(wrap)) % m) + m) % m).toBe(0n);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips within half an LSB (nearest) or one LSB (truncate) inside the range', () => {
    fc.assert(
      fc.property(fc.double({ min: -7.9, max: 7.9, noNaN: true }), modeArb, (x, mode) => {
        const fmt = fixedFormat(16, 12);
        const err = dequantize(quantize(x, fmt, { rounding: mode }), fmt) - x;
        const lsb = 2 ** -12;
        if (mode === 'truncate') {
          expect(err).toBeLessThanOrEqual(0);
          expect(err).toBeGreaterThanOrEqual(-lsb);
        } else {
          expect(Math.abs(err)).toBeLessThanOrEqual(lsb / 2);
        }
      }),
    );
  });

  it('handles overflowing and underflowing scalings exactly', () => {
    const f = fixedFormat(8, 128);
    expect(quantize(-1e-300, f, { rounding: 'truncate' })).toBe(-1);
    expect(quantize(-5e-324, f, { rounding: 'half-even' })).toBe(0);
    expect(quantize(1e300, f, { overflow: 'saturate' })).toBe(127);
    expect(quantize(1e300, f, { overflow: 'wrap' })).toBe(0);
    expect(floorDivPow2(-5n, 1)).toBe(-3n);
  });

  it('works on arrays and rejects bad input with typed errors', () => {
    const f = fixedFormat(8, 4);
    expect([...quantizeArray([0.75, -8, 100], f)]).toEqual([12, -128, 127]);
    expect([...dequantizeArray([12, -128], f)]).toEqual([0.75, -8]);
    expect(() => quantize(Number.NaN, f)).toThrow(NonFiniteError);
    expect(() => quantize(1, f, { rounding: 'nearest' as RoundingMode })).toThrow(
      UnknownOptionError,
    );
    expect(() => quantize(1, f, { overflow: 'clip' as OverflowMode })).toThrow(UnknownOptionError);
  });
});
