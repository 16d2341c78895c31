/**
 * A C++ string literal (with its quotes) that reads back as the UTF-8 bytes of `text`: `"` and
 * `\` are backslash-escaped, `?` becomes `\?` (so no trigraph such as `??/` can form, which
 * `-std=c++14` still translates), and control characters and every byte beyond ASCII become
 * three-digit octal escapes (which, unlike `\x`, cannot swallow a following digit). No input can
 * end the literal or the line.
 */
export function cxxString(text: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x22 || byte === 0x5c || byte === 0x3f) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/**
 * Text that is safe inside a C++ `//` comment: line breaks (including U+2028/U+2029) and other
 * control characters become spaces, a backslash becomes `/` (a backslash at the end of the line
 * would splice the next line into the comment), and `??` becomes `? ?` (the trigraph `??/` is a
 * backslash too).
 */
export function cxxComment(text: string): string {
  let s = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\\/g, '/');
  while (s.includes('??')) s = s.replace(/\?\?/g, '? ?');
  return s;
}
