/** Characters a bare Tcl word may hold without any of them being substituted or ending the word. */
const TCL_BARE = /^[A-Za-z0-9_.,:/+=@%-]+$/;

/**
 * One Tcl word (for XDC and Tcl scripts) that reads back as exactly `text`, whatever it holds:
 * bare when it is only letters, digits and `_.,:/+=@%-`; in braces (no substitution at all) when
 * it has no backslash, brace or control character (`LED[0]` → `{LED[0]}`); otherwise every
 * character Tcl gives a meaning to — `[ ] $ ; " \ { } #`, whitespace — is backslash-escaped and
 * control characters become `\uXXXX`. So no input can end the word, start a command (`;`, a
 * newline) or substitute one (`[…]`, `$x`).
 */
export function tclWord(text: string): string {
  if (TCL_BARE.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
  if (!/[\\{}\u0000-\u001f\u007f\u2028\u2029]/.test(text) && !text.startsWith('*')) {
    return `{${text}}`;
  }
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (/[A-Za-z0-9_.,:/+=@%-]/.test(c) || code > 0x7f) out += c;
    else out += `\\${c}`;
  }
  return out;
}

/**
 * Text that is safe inside a Tcl / XDC `#` comment: line breaks (including U+2028/U+2029) and
 * other control characters become spaces, so the comment cannot end early; a backslash becomes
 * `/` (a trailing backslash would continue the comment onto the next line, swallowing a
 * command), and braces become parentheses (Tcl counts them even in comments inside a braced
 * body).
 */
export function tclComment(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\\/g, '/')
      .replace(/\{/g, '(')
      .replace(/\}/g, ')')
  );
}
