import { describe, expect, it } from 'vitest';
import { quoteForMessage } from './quote-for-message.js';

describe('quoteForMessage', () => {
  it('escapes quotes, control characters, line separators and everything beyond ASCII', () => {
    const q = quoteForMessage('a"b\\c\nd\u2028e\u0085f\u00e9');
    expect(q).toBe('"a\\"b\\\\c\\nd\\u2028e\\u0085f\\u00e9"');
    expect(q).toMatch(/^[\x20-\x7e]+$/);
  });

  it('cuts long strings and names the kind of anything else', () => {
    expect(quoteForMessage('x'.repeat(100), 5)).toBe('"xxxxx\\u2026"');
    expect(quoteForMessage(undefined)).toBe('an undefined');
    expect(quoteForMessage({})).toBe('an object');
    expect(quoteForMessage(3)).toBe('a number');
    expect(quoteForMessage(null)).toBe('null');
  });
});
