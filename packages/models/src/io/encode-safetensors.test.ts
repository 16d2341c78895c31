import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors.js';
import { encodeSafetensors } from './encode-safetensors.js';
import type { SafetensorsData, SafetensorsTensor } from './safetensors-dtype.js';
import { headerText } from './testing/raw-safetensors.js';

const bytesOf = (d: SafetensorsData): Uint8Array =>
  new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

function f32WithBits(words: number[]): Float32Array {
  return new Float32Array(Uint32Array.from(words).buffer);
}

/** One tensor of every dtype, with extreme values, NaN payloads, an empty tensor and scalars. */
function sampleTensors(): Record<string, SafetensorsTensor> {
  const f64 = new Float64Array([1.5, -0, Number.POSITIVE_INFINITY, 5e-324, Number.MAX_VALUE, 0]);
  new DataView(f64.buffer).setBigUint64(40, 0x7ff4000000000abcn, true); // signalling NaN, payload
  return {
    f64: { dtype: 'F64', shape: [2, 3], data: f64 },
    f32: {
      dtype: 'F32',
      shape: [2, 2],
      data: f32WithBits([0x3f800000, 0x80000000, 0x7fa00001, 0x00000001]), // 1, −0, sNaN, subnormal
    },
    f16: { dtype: 'F16', shape: [4], data: Uint16Array.from([0x3c00, 0x7c00, 0x7e01, 0x8001]) },
    bf16: { dtype: 'BF16', shape: [2, 1], data: Uint16Array.from([0x3f80, 0xff81]) },
    i64: {
      dtype: 'I64',
      shape: [3],
      data: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, -1n]),
    },
    u64: { dtype: 'U64', shape: [1], data: BigUint64Array.from([2n ** 64n - 1n]) },
    i32: { dtype: 'I32', shape: [3], data: Int32Array.from([-(2 ** 31), 2 ** 31 - 1, 0]) },
    u32: { dtype: 'U32', shape: [1, 1, 1], data: Uint32Array.from([2 ** 32 - 1]) },
    i16: { dtype: 'I16', shape: [2], data: Int16Array.from([-32768, 32767]) },
    u16: { dtype: 'U16', shape: [1], data: Uint16Array.from([65535]) },
    i8: { dtype: 'I8', shape: [3], data: Int8Array.from([-128, 127, 0]) },
    u8: { dtype: 'U8', shape: [5], data: Uint8Array.from([0, 1, 127, 128, 255]) },
    bool: { dtype: 'BOOL', shape: [2, 2], data: Uint8Array.from([1, 0, 0, 1]) },
    empty: { dtype: 'F32', shape: [3, 0, 2], data: new Float32Array(0) },
    emptyI64: { dtype: 'I64', shape: [0], data: new BigInt64Array(0) },
    scalar: { dtype: 'F64', shape: [], data: Float64Array.from([Math.PI]) },
    scalarU8: { dtype: 'U8', shape: [], data: Uint8Array.from([7]) },
  };
}

function expectSameTensors(
  actual: Record<string, SafetensorsTensor>,
  expected: Record<string, SafetensorsTensor>,
): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name]!;
    expect(got.dtype, name).toBe(want.dtype);
    expect(got.shape, name).toEqual(want.shape);
    expect(got.data.constructor, name).toBe(want.data.constructor);
    expect(bytesOf(got.data), name).toEqual(bytesOf(want.data)); // bit for bit
  }
}

describe('encodeSafetensors → decodeSafetensors', () => {
  it('round-trips every dtype exactly, with empty tensors, scalars and metadata', () => {
    const tensors = sampleTensors();
    const metadata = {
      config: JSON.stringify({ latent: 20, widths: [400] }),
      'ünïcode 🎉': 'line\n"quoted" \\ \u0000',
      ['__proto__']: 'an own key, not a prototype',
      '': '',
    };
    const bytes = encodeSafetensors(tensors, metadata);
    const decoded = decodeSafetensors(bytes, { halfPrecision: 'raw' });
    expectSameTensors(decoded.tensors, tensors);
    expect(decoded.metadata).toEqual(metadata);
    expect(Object.keys(decoded.metadata)).toEqual(Object.keys(metadata));
    // Re-encoding the decoded file gives the same bytes.
    expect(encodeSafetensors(decoded.tensors, decoded.metadata)).toEqual(bytes);
  });

  it('F16/BF16 decode to exact float32 by default and re-encode to the same bits', () => {
    const tensors = sampleTensors();
    const bytes = encodeSafetensors(tensors);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.tensors.f16!.data).toBeInstanceOf(Float32Array);
    const f16 = Array.from(decoded.tensors.f16!.data as Float32Array);
    expect(f16.slice(0, 2)).toEqual([1, Number.POSITIVE_INFINITY]);
    expect(f16[2]).toBeNaN();
    expect(f16[3]).toBe(-(2 ** -24));
    expect(Array.from(decoded.tensors.bf16!.data as Float32Array)[0]).toBe(1);
    expect(encodeSafetensors(decoded.tensors)).toEqual(bytes);
  });

  it('writes the layout the format specifies', () => {
    const tensors = sampleTensors();
    const bytes = encodeSafetensors(tensors, { a: 'b' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0); // data start aligned
    const text = headerText(bytes);
    expect(text.trimEnd().endsWith('}')).toBe(true);
    expect(text.slice(text.trimEnd().length)).toMatch(/^ *$/); // padding is spaces only
    const header = JSON.parse(text) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: [number, number] }
    >;
    expect(Object.keys(header)).toEqual(['__metadata__', ...Object.keys(tensors)]);
    expect(header.__metadata__).toEqual({ a: 'b' });
    const sizes: Record<string, number> = {
      ...{ F64: 8, I64: 8, U64: 8, F32: 4, I32: 4, U32: 4 },
      ...{ F16: 2, BF16: 2, I16: 2, U16: 2, I8: 1, U8: 1, BOOL: 1 },
    };
    let total = 0;
    for (const [name, t] of Object.entries(tensors)) {
      const {
        dtype,
        shape,
        data_offsets: [begin, end],
      } = header[name]!;
      expect(dtype).toBe(t.dtype);
      expect(shape).toEqual(t.shape);
      expect(end - begin).toBe(t.data.byteLength);
      expect(begin % sizes[dtype]!).toBe(0); // every tensor aligned to its element size
      expect(bytes.subarray(8 + n + begin, 8 + n + end)).toEqual(bytesOf(t.data));
      total += end - begin;
    }
    expect(bytes.length).toBe(8 + n + total);
  });

  it('keeps key order, handles an empty file and odd names', () => {
    const t = (v: number): SafetensorsTensor => ({
      dtype: 'F32',
      shape: [1],
      data: Float32Array.from([v]),
    });
    const tensors = { zeta: t(1), alpha: t(2), 'a.b/c d': t(3), __proto__x: t(4), '': t(5) };
    const decoded = decodeSafetensors(encodeSafetensors(tensors));
    expect(Object.keys(decoded.tensors)).toEqual(Object.keys(tensors));
    const proto: Record<string, SafetensorsTensor> = {};
    Object.defineProperty(proto, '__proto__', { value: t(6), enumerable: true });
    const back = decodeSafetensors(encodeSafetensors(proto)).tensors;
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    const empty = encodeSafetensors({});
    expect(headerText(empty).trimEnd()).toBe('{}');
    expect(decodeSafetensors(empty)).toEqual({ tensors: {}, metadata: {} });
  });

  it('decoded arrays are fresh copies, also from unaligned offsets', () => {
    const bytes = encodeSafetensors({
      x: { dtype: 'F64', shape: [2], data: Float64Array.from([1, 2]) },
    });
    const shifted = new Uint8Array(bytes.length + 3).subarray(3); // odd byteOffset
    shifted.set(bytes);
    const { tensors } = decodeSafetensors(shifted);
    expect(Array.from(tensors.x!.data as Float64Array)).toEqual([1, 2]);
    shifted.fill(0);
    expect(Array.from(tensors.x!.data as Float64Array)).toEqual([1, 2]);
  });

  it('refuses bad input with typed errors naming the tensor', () => {
    const ok = { dtype: 'F32' as const, shape: [2], data: new Float32Array(2) };
    expect(() => encodeSafetensors({ __metadata__: ok })).toThrow(/reserved/);
    expect(() => encodeSafetensors({ w: { ...ok, dtype: 'F8' as 'F32' } })).toThrow(
      InvalidArgumentError,
    );
    expect(() => encodeSafetensors({ w: { ...ok, data: new Float64Array(2) } })).toThrow(
      /w: F32 data must be a Float32Array/,
    );
    expect(() => encodeSafetensors({ w: { ...ok, shape: [3] } })).toThrow(ShapeError);
    expect(() => encodeSafetensors({ w: { ...ok, shape: [3] } })).toThrow(
      /'w'.*needs 3 values, data has 2/,
    );
    expect(() => encodeSafetensors({ w: { ...ok, shape: [-2] } })).toThrow(ShapeError);
    expect(() => encodeSafetensors({ w: { ...ok, shape: [2.5] } })).toThrow(ShapeError);
    expect(() =>
      encodeSafetensors({ b: { dtype: 'BOOL', shape: [1], data: Uint8Array.from([2]) } }),
    ).toThrow(/BOOL data must hold only 0 and 1/);
    expect(() => encodeSafetensors({ '\uD800': ok })).toThrow(/surrogate/);
    expect(() => encodeSafetensors({ w: ok }, { k: 5 as unknown as string })).toThrow(
      InvalidArgumentError,
    );
  });
});
