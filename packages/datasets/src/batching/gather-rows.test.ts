import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { gatherRows } from './gather-rows.js';

describe('gatherRows', () => {
  it('copies the selected rows in order, repeats allowed, keeping the element type', () => {
    const data = Int16Array.of(1, 2, 3, 4, 5, 6);
    const out = gatherRows(data, 2, [2, 0, 2]);
    expect(out).toBeInstanceOf(Int16Array);
    expect(Array.from(out)).toEqual([5, 6, 1, 2, 5, 6]);
    out[0] = 0;
    expect(data[4]).toBe(5);
  });

  it('rejects bad shapes and indices', () => {
    expect(() => gatherRows(new Uint8Array(5), 2, [0])).toThrow(ShapeError);
    expect(() => gatherRows(new Uint8Array(4), 2, [2])).toThrow(InvalidArgumentError);
    expect(() => gatherRows(new Uint8Array(4), 2, [0.5])).toThrow(InvalidArgumentError);
    expect(() => gatherRows([1, 2] as never, 1, [0])).toThrow(InvalidArgumentError);
  });
});
