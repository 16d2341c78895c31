import { describe, expect, it } from 'vitest';
import { mnistRows } from './mnist.js';

describe('mnistRows', () => {
  const set = {
    x: Uint8Array.from({ length: 5 * 784 }, (_, i) => Math.floor(i / 784)),
    labels: Uint8Array.from([4, 3, 2, 1, 0]),
    n: 5,
  };

  it('returns views of consecutive rows and their labels', () => {
    const rows = mnistRows(set, 1, 3);
    expect(rows.n).toBe(3);
    expect([...rows.labels]).toEqual([3, 2, 1]);
    expect(rows.x.length).toBe(3 * 784);
    expect(rows.x[0]).toBe(1);
    expect(rows.x[3 * 784 - 1]).toBe(3);
    expect(rows.x.buffer).toBe(set.x.buffer);
  });

  it('rejects ranges outside the set', () => {
    expect(() => mnistRows(set, 3, 3)).toThrow(RangeError);
    expect(() => mnistRows(set, 0, 0)).toThrow(RangeError);
  });
});
