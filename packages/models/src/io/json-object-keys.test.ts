import { describe, expect, it } from 'vitest';
import { scanJsonKeys } from './json-object-keys.js';

describe('scanJsonKeys', () => {
  it('lists top-level keys in text order (JSON.parse would move integer-like keys first)', () => {
    const text = '{"b":1,"10":{"x":[1,{"y":2}]},"2":"}{,\\"","a\\"b":null}';
    expect(Object.keys(JSON.parse(text))).toEqual(['2', '10', 'b', 'a"b']);
    expect(scanJsonKeys(text)).toEqual({
      topLevelKeys: ['b', '10', '2', 'a"b'],
      duplicate: undefined,
    });
  });

  it('finds a repeated key at any depth, also when spelled with escapes', () => {
    expect(scanJsonKeys('{"a":1,"a":2}').duplicate).toBe('a');
    expect(scanJsonKeys('{"a":{"k":[{"z":1,"z":2}]}}').duplicate).toBe('z');
    expect(scanJsonKeys('{"a":1,"\\u0061":2}').duplicate).toBe('a');
    // The same key in different objects, or as a string value, is not a repeat.
    expect(scanJsonKeys('{"a":{"a":"a"},"b":[{"a":1},{"a":2}]}').duplicate).toBeUndefined();
  });

  it('handles deep nesting without recursion', () => {
    const deep = `{"k":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(scanJsonKeys(deep)).toEqual({ topLevelKeys: ['k'], duplicate: undefined });
  });
});
