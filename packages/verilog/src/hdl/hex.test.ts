import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { fromHex, hexFile, toHex } from './hex.js';

describe('toHex / fromHex', () => {
  it('writes two’s-complement words with ceil(width/4) digits', () => {
    expect(toHex(-1, 16)).toBe('ffff');
    expect(toHex(-32768, 16)).toBe('8000');
    expect(toHex(5, 10)).toBe('005');
    expect(toHex(-1, 10)).toBe('3ff');
    expect(toHex(-(2 ** 52), 53)).toBe('10000000000000');
  });

  it('round-trips every code of random widths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 53 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (w, t) => {
          const lo = -(2 ** (w - 1));
          const code = lo + Math.floor(t * (2 ** w - 1));
          expect(fromHex(toHex(code, w), w)).toBe(code);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('rejects codes outside the width', () => {
    expect(() => toHex(32768, 16)).toThrow(VerilogError);
    expect(() => toHex(0.5, 16)).toThrow(VerilogError);
  });

  it('hexFile has a comment line and one word per line', () => {
    expect(hexFile([1, -2], 8, 'w')).toBe('// w\n01\nfe\n');
  });
});
