import { describe, expect, it } from 'vitest';
import { cxxComment, cxxString } from './cxx-text.js';
import { codeOutsideCommentsAndStrings, HOSTILE_NAMES } from './text-scan.testutil.js';

/** Decodes a C++ string literal as the compiler does (the escapes `cxxString` emits). */
function readCxxString(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  const bytes: number[] = [];
  const body = lit.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      expect(body[i]).not.toBe('"');
      bytes.push(body.charCodeAt(i));
    } else if (/[0-7]/.test(body[i + 1]!)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(body.charCodeAt(i + 1));
      i++;
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

describe('cxxString', () => {
  it('reads back as the input and leaves nothing outside the literal', () => {
    for (const s of [...HOSTILE_NAMES, 'tb_inputs.hex', 'μ', '\\101']) {
      const lit = cxxString(s);
      expect(lit).toMatch(/^[\x20-\x7e]*$/);
      expect(readCxxString(lit)).toBe(s);
      const code = codeOutsideCommentsAndStrings(`f(${lit});\n`, 'cxx');
      expect(code).toBe('f( );\n');
    }
    expect(cxxString('a"b\\c??/')).toBe('"a\\"b\\\\c\\?\\?/"');
  });
});

describe('cxxComment', () => {
  it('cannot end its line or splice the next line into the comment', () => {
    for (const s of HOSTILE_NAMES) {
      const text = `// model of '${cxxComment(s)}'\nint x;\n`;
      expect(codeOutsideCommentsAndStrings(text, 'cxx')).toBe(' \nint x;\n');
    }
    expect(cxxComment('a??/')).toBe('a? ?/');
    expect(cxxComment('a???/')).toBe('a? ? ?/');
  });
});
