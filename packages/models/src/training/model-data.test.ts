import { describe, expect, it } from 'vitest';
import { gatherRows, gatherRowsInto } from './model-data.js';

describe('gatherRows', () => {
  it('scales every byte value to the float32 nearest v / 255 and keeps float rows as they are', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, v) => v);
    const rows = gatherRows(bytes, 4, [63, 0, 5]);
    const expected = [252, 253, 254, 255, 0, 1, 2, 3, 20, 21, 22, 23].map((v) =>
      Math.fround(v / 255),
    );
    expect([...rows]).toEqual(expected);
    const floats = Float32Array.from({ length: 12 }, (_, i) => i / 7);
    expect([...gatherRows(floats, 3, [2, 2, 0])]).toEqual([
      ...floats.subarray(6, 9),
      ...floats.subarray(6, 9),
      ...floats.subarray(0, 3),
    ]);
  });

  it('gatherRowsInto writes into the given array', () => {
    const out = new Float32Array(8).fill(-1);
    gatherRowsInto(Uint8Array.of(0, 255, 51, 102), 2, [1], out.subarray(2, 4));
    expect([...out]).toEqual([
      -1,
      -1,
      Math.fround(51 / 255),
      Math.fround(102 / 255),
      -1,
      -1,
      -1,
      -1,
    ]);
  });
});
