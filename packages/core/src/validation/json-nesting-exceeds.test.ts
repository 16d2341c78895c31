import { describe, expect, it } from 'vitest';
import { jsonNestingExceeds } from './json-nesting-exceeds.js';

describe('jsonNestingExceeds', () => {
  it('finds the first bracket past the allowed depth, arrays and objects alike', () => {
    expect(jsonNestingExceeds('[[1]]', 2)).toBe(-1);
    expect(jsonNestingExceeds('[[[1]]]', 2)).toBe(2);
    expect(jsonNestingExceeds('{"a":{"b":[0]}}', 2)).toBe(10);
    expect(jsonNestingExceeds('[[],[],[]]', 2)).toBe(-1);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds('{"a":"[[[{{{\\"[[["}', 1)).toBe(-1);
    expect(jsonNestingExceeds('["\\\\",[[]]]', 2)).toBe(7);
  });
});
