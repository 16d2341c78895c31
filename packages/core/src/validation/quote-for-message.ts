/**
 * A user-supplied value quoted for an error message, in printable ASCII only: a string as
 * `JSON.stringify` writes it (quotes, backslashes and control characters escaped) with `\uXXXX`
 * for everything beyond ASCII — so no line separator or terminal escape reaches a log — cut
 * after `maxLength` characters; anything else as its kind (`an object`, `a number`, `null`).
 *
 * @param value - Any value (usually a name that failed validation).
 * @param maxLength - Characters of a string kept before `…`. Default 80.
 *
 * @example
 * ```ts
 * quoteForMessage('fc1\n`define X'); // '"fc1\\n`define X"'
 * quoteForMessage(undefined); // 'an undefined'
 * ```
 */
export function quoteForMessage(value: unknown, maxLength = 80): string {
  if (typeof value !== 'string') {
    const kind = value === null ? 'null' : typeof value;
    return kind === 'null' ? 'null' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
  }
  const cut = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return JSON.stringify(cut).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
