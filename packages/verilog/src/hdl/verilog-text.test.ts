import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { checkIdentifier, isIdentifier } from './identifier.js';
import { codeOutsideCommentsAndStrings, HOSTILE_NAMES } from './text-scan.testutil.js';
import { verilogString } from './verilog-text.js';

describe('verilogString', () => {
  it('leaves nothing of any input outside the literal, on one line', () => {
    for (const s of [...HOSTILE_NAMES, 'tb_inputs.hex', 'μ']) {
      const lit = verilogString(s);
      expect(lit).toMatch(/^"[\x20-\x7e]*"$/);
      expect(lit.slice(1, -1)).not.toContain('`');
      expect(codeOutsideCommentsAndStrings(`$readmemh(${lit}, rom);\n`, 'verilog')).toBe(
        '$readmemh( , rom);\n',
      );
    }
    expect(verilogString('a"b\\c\nd`')).toBe('"a\\"b\\\\c\\nd\\140"');
    expect(verilogString('tb_inputs.hex')).toBe('"tb_inputs.hex"');
  });
});

describe('checkIdentifier', () => {
  it('accepts sanitized identifiers and refuses everything else', () => {
    expect(checkIdentifier('lk_mlp_encoder_fc1', 'name')).toBe('lk_mlp_encoder_fc1');
    for (const s of [...HOSTILE_NAMES, '', '1a', 'module', 'a.b', 'a$b', 'x'.repeat(129)]) {
      expect(isIdentifier(s)).toBe(false);
      expect(() => checkIdentifier(s, 'design.top')).toThrow(VerilogError);
    }
    expect(() => checkIdentifier('a\nb', 'design.top')).toThrow(
      'design.top: "a\\nb" is not a simple Verilog identifier',
    );
  });
});
