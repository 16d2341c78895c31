import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.js';

describe('describeValue', () => {
  it('names numbers, null, arrays, primitives and tensor-like objects', () => {
    expect(describeValue(3)).toBe('3');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('an array');
    expect(describeValue('x')).toBe('string');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: 1 })).toBe('object');
    expect(describeValue({ dtype: 'int32', shape: [2, 3] })).toBe('a int32 tensor of shape [2, 3]');
  });
});
