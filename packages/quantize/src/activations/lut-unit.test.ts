import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { fixedFormat } from '../fixed/fixed-format.js';
import { unitErrorStats } from './error-table.js';
import { buildLutUnit, checkLutUnit, lutCode } from './lut-unit.js';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const inF = fixedFormat(16, 12);
const outF = fixedFormat(16, 14);

describe('LUT units', () => {
  it('error shrinks with address bits, faster with interpolation', () => {
    const plain = [4, 6, 8, 10].map(
      (a) =>
        unitErrorStats(buildLutUnit('sigmoid', inF, outF, { addressBits: a }), inF, outF, sigma, {
          lo: -8,
          hi: 8,
        }).maxAbsError,
    );
    const interp = [4, 6, 8, 10].map(
      (a) =>
        unitErrorStats(
          buildLutUnit('sigmoid', inF, outF, { addressBits: a, interpolate: true }),
          inF,
          outF,
          sigma,
          {
            lo: -8,
            hi: 8,
          },
        ).maxAbsError,
    );
    for (let i = 1; i < 4; i++) {
      expect(plain[i]!).toBeLessThan(plain[i - 1]! * 0.6); // ~halves per bit
      expect(interp[i]!).toBeLessThan(interp[i - 1]!);
    }
    // Plain LUT: max error ≈ max|σ'|·step/2 = 1/4 · (16/2^a)/2.
    expect(plain[0]!).toBeCloseTo((0.25 * (16 / 16)) / 2, 1);
    // Interpolated: ≈ max|σ''|·step²/8 (+ output rounding) — far below the plain LUT.
    expect(interp[2]!).toBeLessThan(2e-4);
  });

  it('addresses by shifting, clamps outside its range, and is exact per code when small', () => {
    const u = buildLutUnit('sigmoid', inF, outF, { addressBits: 6 });
    expect(u.stepShift).toBe(16 - 6 + 0); // span 2^16 codes over [−8, 8)
    expect(lutCode(u, -32768, outF, 'half-even')).toBe(u.table[0]);
    expect(lutCode(u, 32767, outF, 'half-even')).toBe(u.table[63]);
    const small = fixedFormat(6, 2);
    const exact = buildLutUnit('sigmoid', small, outF, { addressBits: 10 });
    expect(exact.stepShift).toBe(0);
    expect(exact.addressBits).toBe(6);
    for (let c = -32; c < 32; c++) {
      expect(lutCode(exact, c, outF, 'half-even')).toBe(Math.round(sigma(c / 4) * 2 ** 14));
    }
  });

  it('interpolates exactly between entries', () => {
    const u = buildLutUnit('expHalf', fixedFormat(12, 8), fixedFormat(16, 10), {
      lo: -4,
      hi: 4,
      addressBits: 4,
      interpolate: true,
    });
    expect(u.table).toHaveLength(17);
    const step = 2 ** u.stepShift;
    const mid = u.start + 3 * step + step / 2;
    expect(lutCode(u, mid, fixedFormat(16, 10), 'half-up')).toBe(
      Math.floor((u.table[3]! + u.table[4]!) / 2 + 0.5),
    );
  });

  it('checkLutUnit refuses a missing unit and a stepShift past 64 (lutCode then threw a RangeError)', () => {
    const unit = buildLutUnit('sigmoid', inF, outF, { addressBits: 3, interpolate: true });
    expect(() => checkLutUnit(unit, outF, 'u')).not.toThrow();
    for (const stepShift of [65, 1e308]) {
      expect(() => checkLutUnit({ ...unit, stepShift }, outF, 'u')).toThrow(QuantizationError);
      expect(() => checkLutUnit({ ...unit, stepShift }, outF, 'u')).toThrow(
        /stepShift in \[0, 64\]/,
      );
    }
    expect(() => checkLutUnit(null as never, outF, 'u')).toThrow(/u: expected a LUT unit object/);
  });

  it('lutCode refuses a table that lacks the addressed entry with a QuantizationError', () => {
    for (const interpolate of [false, true]) {
      const unit = buildLutUnit('sigmoid', inF, outF, { addressBits: 4, interpolate });
      const short = { ...unit, table: unit.table.slice(0, 3) };
      expect(() => lutCode(short, unit.start, outF, 'half-even')).not.toThrow();
      const run = () => lutCode(short, unit.start + 2 ** 30, outF, 'half-even');
      expect(run).toThrow(QuantizationError);
      expect(run).toThrow(/no table entry/);
    }
  });
});
