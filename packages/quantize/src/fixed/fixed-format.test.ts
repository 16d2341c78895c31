import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import {
  checkCode,
  fixedFormat,
  formatRange,
  formatToString,
  isCodeInFormat,
  MAX_FIXED_WIDTH,
} from './fixed-format.js';

describe('fixedFormat', () => {
  it('gives the two’s-complement range and resolution', () => {
    const r = formatRange(fixedFormat(8, 4));
    expect(r).toEqual({ minCode: -128, maxCode: 127, min: -8, max: 127 / 16, resolution: 1 / 16 });
    const wide = formatRange(fixedFormat(MAX_FIXED_WIDTH, 0));
    expect(wide.maxCode).toBe(Number.MAX_SAFE_INTEGER - 2 ** 52); // 2^52 − 1
    expect(Number.isSafeInteger(wide.minCode)).toBe(true);
    expect(formatRange(fixedFormat(4, -2)).max).toBe(28); // 7 · 4
    expect(formatToString(fixedFormat(16, 12))).toBe('s16.12');
  });

  it('rejects bad widths and fraction bits with a typed error', () => {
    for (const [w, f] of [
      [1, 0],
      [54, 0],
      [8.5, 0],
      [8, 0.5],
      [8, 129],
      [Number.NaN, 0],
    ] as const) {
      expect(() => fixedFormat(w, f)).toThrow(QuantizationError);
    }
    try {
      fixedFormat(64, 0);
    } catch (e) {
      expect((e as QuantizationError).problem).toBe('bad-width');
    }
  });

  it('checks codes against the range', () => {
    const f = fixedFormat(4, 0);
    expect(isCodeInFormat(-8, f)).toBe(true);
    expect(isCodeInFormat(7, f)).toBe(true);
    expect(isCodeInFormat(8, f)).toBe(false);
    expect(isCodeInFormat(1.5, f)).toBe(false);
    expect(() => checkCode(-9, f, 'x[0]')).toThrow(/x\[0\]/);
  });
});
