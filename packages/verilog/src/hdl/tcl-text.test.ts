import { describe, expect, it } from 'vitest';
import { tclComment, tclWord } from './tcl-text.js';
import { HOSTILE_NAMES } from './text-scan.testutil.js';

/** Reads one Tcl word back the way the Tcl parser does (bare, braced or backslash-escaped). */
function readTclWord(word: string): string {
  if (word.startsWith('{')) {
    expect(word.endsWith('}')).toBe(true);
    return word.slice(1, -1);
  }
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c !== '\\') {
      // An unescaped special character would be substituted or end the word.
      expect(c).not.toMatch(/[\s[\]$;"{}\\]/);
      out += c;
    } else if (word[i + 1] === 'u') {
      out += String.fromCharCode(Number.parseInt(word.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      out += word[i + 1];
      i++;
    }
  }
  return out;
}

describe('tclWord', () => {
  it('keeps plain words bare and braces port names with brackets', () => {
    expect(tclWord('CLK100MHZ')).toBe('CLK100MHZ');
    expect(tclWord('LED[0]')).toBe('{LED[0]}');
    expect(tclWord('CPU_RESETN UART_TXD_IN')).toBe('{CPU_RESETN UART_TXD_IN}');
  });

  it('gives one word that reads back as the input, whatever it holds', () => {
    for (const s of [...HOSTILE_NAMES, 'a{b', '}', '*', 'x\\\n', '$env(HOME)', '[exec ls]']) {
      const w = tclWord(s);
      expect(w).not.toMatch(/[\n\r\u2028\u2029]/);
      expect(readTclWord(w)).toBe(s);
    }
    expect(tclWord('] ; exec touch PWNED ; [')).toBe('{] ; exec touch PWNED ; [}');
    expect(tclWord('a}; exec touch PWNED; {')).toBe('a\\}\\;\\ exec\\ touch\\ PWNED\\;\\ \\{');
  });
});

describe('tclComment', () => {
  it('keeps a comment on its line and never ends it with a continuation', () => {
    for (const s of HOSTILE_NAMES) {
      const c = tclComment(s);
      expect(c).not.toMatch(/[\n\r\u2028\u2029\\{}]/);
    }
    expect(tclComment('a\\')).toBe('a/');
    expect(tclComment('x\nexec touch PWNED')).toBe('x exec touch PWNED');
  });
});
