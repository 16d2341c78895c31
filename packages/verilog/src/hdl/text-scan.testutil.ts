/**
 * The code of a Verilog or C++ text with its comments and string literals removed (replaced by a
 * space), after the translation steps that could splice lines: C++ trigraph `??/` and
 * backslash-newline. Whatever a hostile name managed to put outside a comment or a literal is left.
 */
export function codeOutsideCommentsAndStrings(text: string, language: 'verilog' | 'cxx'): string {
  let s = text;
  if (language === 'cxx') s = s.replace(/\?\?\//g, '\\').replace(/\\\r?\n/g, '');
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('//', i)) {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
      out += ' ';
    } else if (s.startsWith('/*', i)) {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
      out += ' ';
    } else if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\n') throw new Error(`string literal runs past the end of a line at ${i}`);
        i += s[i] === '\\' ? 2 : 1;
      }
      i++;
      out += ' ';
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

/**
 * Hostile names: each tries to leave a `//` or `#` comment, a string literal or a folder, or to
 * start a Tcl or Yosys command.
 */
export const HOSTILE_NAMES: readonly string[] = [
  'x\ninitial $system("touch PWNED");\nmodule evil;',
  'x"); $system("touch PWNED"); //',
  '] ; exec touch PWNED ; [',
  'x */ module evil; /* y',
  '`define EVIL 1',
  'x\\',
  'x??/',
  '../../PWNED',
  'x\u2028module evil;',
  'x\r$system("touch PWNED")',
];
