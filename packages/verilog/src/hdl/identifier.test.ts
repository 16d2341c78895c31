import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { sanitizeIdentifier, uniqueIdentifiers, VERILOG_KEYWORDS } from './identifier.js';

const LEGAL = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('sanitizeIdentifier', () => {
  it('maps typical layer names to readable identifiers', () => {
    expect(sanitizeIdentifier('encoder.fc1')).toBe('encoder_fc1');
    expect(sanitizeIdentifier('decoder/out layer')).toBe('decoder_out_layer');
    expect(sanitizeIdentifier('2nd')).toBe('n_2nd');
    expect(sanitizeIdentifier('')).toBe('n');
    expect(sanitizeIdentifier('__a__b__')).toBe('a_b');
    expect(sanitizeIdentifier('μ-head')).toBe('head');
  });

  it('never returns a keyword (case-insensitively)', () => {
    expect(sanitizeIdentifier('module')).toBe('module_x');
    expect(sanitizeIdentifier('Wire')).toBe('Wire_x');
    expect(sanitizeIdentifier('logic')).toBe('logic_x');
  });

  it('always gives a legal identifier without a double underscore, for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const id = sanitizeIdentifier(s);
        expect(id).toMatch(LEGAL);
        expect(id).not.toContain('__');
        expect(id.length).toBeLessThanOrEqual(66);
        expect(VERILOG_KEYWORDS.has(id.toLowerCase())).toBe(false);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('rejects an illegal prefix with a typed error', () => {
    expect(() => sanitizeIdentifier('x', { prefix: '1a' })).toThrow(VerilogError);
  });
});

describe('uniqueIdentifiers', () => {
  it('disambiguates clashes, including case-only ones', () => {
    expect(uniqueIdentifiers(['a.b', 'a_b', 'A-B', 'c'])).toEqual(['a_b', 'a_b_2', 'A_B_3', 'c']);
  });
});
