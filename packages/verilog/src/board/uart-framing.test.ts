import { describe, expect, it } from 'vitest';
import { bytesPerCode, bytesToCodes, codesToBytes } from './uart-framing.js';

describe('UART byte framing', () => {
  it('sends codes little-endian in whole bytes, sign-extended', () => {
    expect(bytesPerCode(16)).toBe(2);
    expect(bytesPerCode(12)).toBe(2);
    expect(bytesPerCode(8)).toBe(1);
    expect(codesToBytes([0x1234, -2], 16)).toEqual([0x34, 0x12, 0xfe, 0xff]);
    expect(codesToBytes([-2], 12)).toEqual([0xfe, 0xff]);
  });

  it('round-trips codes of odd widths', () => {
    const codes = [-2048, -1, 0, 1, 2047];
    expect(bytesToCodes(codesToBytes(codes, 12), 12)).toEqual(codes);
  });
});
