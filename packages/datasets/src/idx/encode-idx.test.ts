import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from './encode-idx.js';
import { parseIdx } from './parse-idx.js';

describe('encodeIdx', () => {
  it('writes the header and big-endian data of the format description', () => {
    const bytes = encodeIdx({ dtype: 'int16', dims: [2], data: Int16Array.of(258, -2) });
    // magic 00 00 0b 01, dim 2, then 0x0102 and 0xfffe big-endian.
    expect(Array.from(bytes)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 2, 1, 2, 0xff, 0xfe]);
  });

  it('round-trips every dtype through parseIdx, NaN payloads included', () => {
    const f32 = new Float32Array(3);
    new Uint32Array(f32.buffer).set([0x7fa00001, 0xff800000, 0x3f800000]); // signalling NaN, -inf, 1
    const cases = [
      { dtype: 'uint8', dims: [2, 2], data: Uint8Array.of(0, 1, 254, 255) },
      { dtype: 'int8', dims: [3], data: Int8Array.of(-128, 0, 127) },
      { dtype: 'int32', dims: [1, 2], data: Int32Array.of(-2147483648, 2147483647) },
      { dtype: 'float32', dims: [3], data: f32 },
      { dtype: 'float64', dims: [2], data: Float64Array.of(Math.PI, -0) },
    ] as const;
    for (const c of cases) {
      const bytes = encodeIdx(c);
      const back = parseIdx(bytes);
      expect(back.dtype).toBe(c.dtype);
      expect(back.dims).toEqual(c.dims);
      expect(new Uint8Array(back.data.buffer)).toEqual(new Uint8Array(c.data.buffer));
      expect(encodeIdx(back)).toEqual(bytes);
    }
  });

  it('refuses inconsistent input with typed errors', () => {
    expect(() => encodeIdx({ dtype: 'uint8', dims: [3], data: new Uint8Array(2) })).toThrow(
      ShapeError,
    );
    expect(() => encodeIdx({ dtype: 'uint8', dims: [0], data: new Uint8Array(0) })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      encodeIdx({ dtype: 'float32', dims: [1], data: new Float64Array(1) as never }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      encodeIdx({ dtype: 'bogus' as never, dims: [1], data: new Uint8Array(1) }),
    ).toThrow(InvalidArgumentError);
  });
});
