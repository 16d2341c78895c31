import { describe, expect, it } from 'vitest';
import { isNumericCell } from './is-numeric-cell.js';

describe('isNumericCell', () => {
  it('accepts numbers with separators, exponents and ×, %, k suffixes, and nothing else', () => {
    for (const s of ['1', '-2.5', '12,000', '1.2e-7', '0.27×', '94%', '3.89k']) {
      expect(isNumericCell(s)).toBe(true);
    }
    for (const s of ['', 'seed 1', 'n/a', '1 2', 'k']) expect(isNumericCell(s)).toBe(false);
  });
});
