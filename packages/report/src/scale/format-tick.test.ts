import { describe, expect, it } from 'vitest';
import { formatTick } from './format-tick.js';

describe('formatTick', () => {
  it('keeps integers and rounds others to 4 significant digits', () => {
    expect(formatTick(120)).toBe('120');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(1.23456)).toBe('1.235');
  });
});
