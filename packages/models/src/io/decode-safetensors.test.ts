import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';
import { f32Bytes, rawSafetensors } from './testing/raw-safetensors.js';

const entry = (dtype: string, shape: unknown, offsets: unknown) => ({
  dtype,
  shape,
  data_offsets: offsets,
});

/** Expects `bytes` to be refused with a SafetensorsError whose message matches `pattern`. */
function expectCorrupt(bytes: Uint8Array, pattern: RegExp, options = {}): void {
  let caught: unknown;
  try {
    decodeSafetensors(bytes, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SafetensorsError);
  expect((caught as SafetensorsError).code).toBe('CORRUPT_FILE');
  expect((caught as Error).message).toMatch(pattern);
}

describe('decodeSafetensors: valid files written by other writers', () => {
  it('reads an unpadded header, entries out of offset order and unaligned offsets', () => {
    // 'b' (F64) starts at data byte 12: unaligned for 8-byte elements; header length is odd.
    const data = new Uint8Array(20);
    data.set(f32Bytes([1.5, -2, 3]), 0);
    new DataView(data.buffer).setFloat64(12, Math.E, true);
    const bytes = rawSafetensors(
      {
        b: entry('F64', [], [12, 20]),
        z: entry('I32', [0, 4], [12, 12]),
        a: entry('F32', [3], [0, 12]),
        __metadata__: { format: 'pt' },
      },
      data,
    );
    const { tensors, metadata } = decodeSafetensors(bytes.buffer as ArrayBuffer);
    expect(Object.keys(tensors)).toEqual(['b', 'z', 'a']);
    expect(Array.from(tensors.a!.data as Float32Array)).toEqual([1.5, -2, 3]);
    expect(tensors.b).toEqual({ dtype: 'F64', shape: [], data: Float64Array.from([Math.E]) });
    expect(tensors.z).toEqual({ dtype: 'I32', shape: [0, 4], data: new Int32Array(0) });
    expect(metadata).toEqual({ format: 'pt' });
  });

  it('accepts space padding and an empty header object', () => {
    expect(decodeSafetensors(rawSafetensors('{}      ')).tensors).toEqual({});
    const padded = rawSafetensors(
      `${JSON.stringify({ a: entry('U8', [2], [0, 2]) })}   `,
      Uint8Array.from([4, 5]),
    );
    expect(Array.from(decodeSafetensors(padded).tensors.a!.data as Uint8Array)).toEqual([4, 5]);
  });
});

describe('decodeSafetensors: refuses corrupt files with SafetensorsError', () => {
  const one = (e: object, data = new Uint8Array(8)) => rawSafetensors({ t: e }, data);

  it('header length', () => {
    expectCorrupt(new Uint8Array(5), /too short/);
    expectCorrupt(rawSafetensors('{}', new Uint8Array(0), 3n), /larger than the 2 bytes/);
    expectCorrupt(rawSafetensors('{}', new Uint8Array(0), 2n ** 64n - 1n), /exceeds the maximum/);
    expectCorrupt(rawSafetensors('{}', new Uint8Array(0), 2n ** 40n), /exceeds the maximum/);
    const big = rawSafetensors(`{}${' '.repeat(200)}`);
    expectCorrupt(big, /exceeds the maximum of 100 bytes/, { maxHeaderBytes: 100 });
    expect(decodeSafetensors(big, { maxHeaderBytes: 202 }).tensors).toEqual({});
    expectCorrupt(rawSafetensors(''), /must start with '\{'/);
  });

  it('encoding and JSON syntax', () => {
    const bad = rawSafetensors('{"a":1}');
    bad[10] = 0xff; // not UTF-8
    expectCorrupt(bad, /not valid UTF-8/);
    expectCorrupt(rawSafetensors('{"t": '), /not valid JSON/);
    expectCorrupt(rawSafetensors(' {}'), /must start with '\{'/);
    expectCorrupt(rawSafetensors('\uFEFF{}'), /must start with '\{'/);
    expectCorrupt(rawSafetensors('{} x'), /not valid JSON/);
    expectCorrupt(rawSafetensors('{}\u0000'), /not valid JSON/);
  });

  it('structure and fields', () => {
    expectCorrupt(rawSafetensors('[]'), /must start with '\{'|must be a JSON object/);
    expectCorrupt(rawSafetensors({ t: 5 }), /'t': tensor entry must be an object/);
    expectCorrupt(one({ dtype: 'F32', shape: [2] }), /'t': missing field 'data_offsets'/);
    expectCorrupt(one({ ...entry('F32', [2], [0, 8]), extra: 1 }), /unknown field 'extra'/);
    expectCorrupt(one(entry('F33', [2], [0, 8])), /dtype 'F33' is unknown/);
    expectCorrupt(one(entry('F8_E4M3', [8], [0, 8])), /not supported/);
    expectCorrupt(one(entry('f32', [2], [0, 8])), /unknown/);
    expectCorrupt(one(entry('F32', 2, [0, 8])), /shape must be an array/);
    expectCorrupt(one(entry('F32', [-2], [0, 8])), /non-negative integers/);
    expectCorrupt(one(entry('F32', [2.5], [0, 8])), /non-negative integers/);
    expectCorrupt(one(entry('F32', ['2'], [0, 8])), /non-negative integers/);
    expectCorrupt(one(entry('F32', [2], [0, 8, 9])), /must be \[begin, end\]/);
    expectCorrupt(one(entry('F32', [2], [8, 0])), /begin is after end/);
  });

  it('sizes and offsets', () => {
    expectCorrupt(
      one(entry('F32', [3], [0, 8])),
      /'t': shape \[3\] of F32 needs 12 bytes, data_offsets give 8/,
    );
    expectCorrupt(one(entry('F32', [2], [0, 16])), /reach past the data region \(8 bytes\)/);
    expectCorrupt(
      one(entry('F32', [2 ** 40, 2 ** 40, 2 ** 40], [0, 8])),
      /needs more than 2\^53 bytes/,
    );
    expectCorrupt(one(entry('F32', [1], [0, 4])), /4 trailing bytes/);
    expectCorrupt(one(entry('F32', [1], [4, 8])), /hole in the data region: bytes 0–4/);
    const data = new Uint8Array(12);
    expectCorrupt(
      rawSafetensors({ a: entry('F32', [2], [0, 8]), b: entry('F32', [2], [4, 12]) }, data),
      /'b': data overlaps tensor 'a'/,
    );
    expectCorrupt(
      rawSafetensors({ a: entry('BOOL', [2], [0, 2]) }, Uint8Array.from([1, 2])),
      /BOOL element 1 is 2/,
    );
  });

  it('names and metadata', () => {
    expectCorrupt(
      rawSafetensors(
        '{"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"t":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}',
        new Uint8Array(2),
      ),
      /repeats the key 't'/,
    );
    expectCorrupt(
      rawSafetensors(
        '{"t":{"dtype":"U8","shape":[1],"shape":[1],"data_offsets":[0,1]}}',
        new Uint8Array(1),
      ),
      /repeats the key 'shape'/,
    );
    expectCorrupt(
      rawSafetensors({ __metadata__: { a: 1 } }),
      /'__metadata__': value of 'a' must be a string/,
    );
    expectCorrupt(rawSafetensors({ __metadata__: ['a'] }), /'__metadata__': must be an object/);
    expectCorrupt(rawSafetensors({ __metadata__: null }), /'__metadata__': must be an object/);
    expectCorrupt(rawSafetensors('{"__metadata__":{"k":"a","k":"b"}}'), /repeats the key 'k'/);
  });

  it('validates its options', () => {
    const ok = rawSafetensors('{}');
    expect(() => decodeSafetensors(ok, { maxHeaderBytes: -1 })).toThrow(InvalidArgumentError);
    expect(() => decodeSafetensors(ok, { halfPrecision: 'f16' as 'raw' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => decodeSafetensors(ok, { maxBytes: 1 } as object)).toThrow(UnknownOptionError);
    expect(() => decodeSafetensors([1, 2] as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });
});
