/**
 * Whether a table cell holds a number (digits with optional sign, separators, exponent and a
 * `×`/`x`/`%`/`k` suffix): such cells are right-aligned in text and HTML tables.
 *
 * @example
 * ```ts
 * isNumericCell('0.27×'); // true
 * isNumericCell('n/a'); // false
 * ```
 */
export function isNumericCell(text: string): boolean {
  return /^[-+−]?[\d.,]+(e[-+]?\d+)?[×x%k]?$/i.test(text);
}
