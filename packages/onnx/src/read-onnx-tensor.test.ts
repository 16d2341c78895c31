import { describe, expect, it } from 'vitest';
import { OnnxImportError } from './onnx-import-error.js';
import { readOnnxTensor } from './read-onnx-tensor.js';

const site = { graph: 'encoder' };
const bytesOf = (a: Float32Array | BigInt64Array | Int32Array) => new Uint8Array(a.buffer);

describe('readOnnxTensor', () => {
  it('reads FLOAT from raw_data (little-endian, any alignment) and from float_data', () => {
    const raw = new Uint8Array(13);
    raw.set(bytesOf(Float32Array.of(1.5, -2, 0.25)), 1); // at an odd offset
    const fromRaw = readOnnxTensor({ dims: [3], dataType: 1, rawData: raw.subarray(1) }, 't', site);
    expect(fromRaw).toEqual({ dims: [3], dtype: 'float32', data: Float32Array.of(1.5, -2, 0.25) });
    const fromField = readOnnxTensor({ dims: [1, 2], dataType: 1, floatData: [3, 4] }, 't', site);
    expect(fromField.data).toEqual(Float32Array.of(3, 4));
  });

  it('reads INT64 and INT32 shape constants from raw bytes and typed fields', () => {
    const big = bytesOf(BigInt64Array.of(-1n, 784n, 9223372036854775807n));
    expect([...readOnnxTensor({ dims: [3], dataType: 7, rawData: big }, 's', site).data]).toEqual([
      -1,
      784,
      2 ** 63,
    ]);
    expect([
      ...readOnnxTensor({ dims: [2], dataType: 7, int64Data: [0, 5] }, 's', site).data,
    ]).toEqual([0, 5]);
    expect([
      ...readOnnxTensor(
        { dims: [2], dataType: 6, rawData: bytesOf(Int32Array.of(-3, 7)) },
        's',
        site,
      ).data,
    ]).toEqual([-3, 7]);
    expect([...readOnnxTensor({ dims: [1], dataType: 6, int32Data: [9] }, 's', site).data]).toEqual(
      [9],
    );
  });

  it('a scalar has no dims and one value; an empty tensor has none', () => {
    expect(readOnnxTensor({ dataType: 1, floatData: [2] }, 't', site).data).toEqual(
      Float32Array.of(2),
    );
    expect(readOnnxTensor({ dims: [0, 4], dataType: 1 }, 't', site).data.length).toBe(0);
  });

  it('checks the declared size against the data before allocating', () => {
    const call = () =>
      readOnnxTensor(
        { dims: [1_000_000, 1000], dataType: 1, rawData: new Uint8Array(8) },
        'w',
        site,
      );
    expect(call).toThrow(OnnxImportError);
    expect(call).toThrow(
      /w \(raw bytes\): dims \[1000000, 1000\] need 4000000000 values but the data holds 8/,
    );
    expect(() => readOnnxTensor({ dims: [3], dataType: 1, floatData: [1, 2] }, 'w', site)).toThrow(
      /need 3 values but the data holds 2/,
    );
  });

  it('refuses segments, external data, other data types and non-finite weights', () => {
    const problem = (t: Parameters<typeof readOnnxTensor>[0]) => {
      try {
        readOnnxTensor(t, 'w', site);
      } catch (e) {
        return (e as OnnxImportError).problem;
      }
      return 'none';
    };
    expect(problem({ dims: [1], dataType: 1, floatData: [1], segment: { begin: 0, end: 1 } })).toBe(
      'bad-tensor',
    );
    expect(problem({ dims: [1], dataType: 1, dataLocation: 1 })).toBe('external-data');
    expect(problem({ dims: [1], dataType: 10, rawData: new Uint8Array(2) })).toBe(
      'unsupported-dtype',
    );
    expect(problem({ dims: [1], dataType: 1, floatData: [Number.POSITIVE_INFINITY] })).toBe(
      'bad-tensor',
    );
    expect(problem({ dims: [1.5], dataType: 1, floatData: [1] })).toBe('bad-tensor');
  });
});
