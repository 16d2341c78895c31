import { LatentkitError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { encodeIdx } from './encode-idx.js';
import { parseIdx } from './parse-idx.js';

// Type code and element size of each IDX dtype, written out from the format description
// (independent of the table in idx-dtype.ts).
const TYPES = [
  { code: 0x08, size: 1, read: (v: DataView, o: number) => v.getUint8(o) },
  { code: 0x09, size: 1, read: (v: DataView, o: number) => v.getInt8(o) },
  { code: 0x0b, size: 2, read: (v: DataView, o: number) => v.getInt16(o, false) },
  { code: 0x0c, size: 4, read: (v: DataView, o: number) => v.getInt32(o, false) },
  { code: 0x0d, size: 4, read: (v: DataView, o: number) => v.getFloat32(o, false) },
  { code: 0x0e, size: 8, read: (v: DataView, o: number) => v.getFloat64(o, false) },
] as const;

/** Builds IDX bytes by hand: header + arbitrary payload bytes. */
function idxBytes(code: number, dims: number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + payload.length);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  for (let k = 0; k < dims.length; k++) view.setUint32(4 + 4 * k, dims[k]! >>> 0, false);
  out.set(payload, 4 + 4 * dims.length);
  return out;
}

function expectIdxError(bytes: Uint8Array, problem: string, text?: RegExp): void {
  let caught: unknown;
  try {
    parseIdx(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(IdxFormatError);
  expect(caught).toBeInstanceOf(LatentkitError);
  expect((caught as IdxFormatError).problem).toBe(problem);
  expect((caught as IdxFormatError).code).toBe('IDX_FORMAT');
  if (text) expect((caught as Error).message).toMatch(text);
}

describe('parseIdx', () => {
  it('decodes big-endian elements of every dtype against DataView', () => {
    for (const t of TYPES) {
      const dims = [2, 3];
      const payload = Uint8Array.from({ length: 6 * t.size }, (_, i) => (i * 37 + 11) & 0xff);
      const parsed = parseIdx(idxBytes(t.code, dims, payload));
      expect(parsed.dims).toEqual(dims);
      const view = new DataView(payload.buffer);
      for (let i = 0; i < 6; i++) {
        const want = t.read(view, i * t.size);
        const got = parsed.data[i]!;
        if (Number.isNaN(want)) expect(Number.isNaN(got)).toBe(true);
        else if (t.code === 0x0d) expect(got).toBe(Math.fround(want));
        else expect(got).toBe(want);
      }
    }
  });

  it('returns a copy that does not alias the input', () => {
    const bytes = idxBytes(0x08, [3], Uint8Array.of(1, 2, 3));
    const parsed = parseIdx(bytes);
    bytes[8] = 99;
    expect(Array.from(parsed.data)).toEqual([1, 2, 3]);
  });

  it('accepts an ArrayBuffer', () => {
    const bytes = idxBytes(0x08, [2], Uint8Array.of(7, 9));
    expect(Array.from(parseIdx(bytes.buffer as ArrayBuffer).data)).toEqual([7, 9]);
  });

  it('names each problem', () => {
    expectIdxError(Uint8Array.of(0, 0, 8), 'truncated-header', /at least 4 bytes/);
    expectIdxError(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 1, 5), 'bad-magic');
    expectIdxError(Uint8Array.of(0, 0, 0x0a, 1, 0, 0, 0, 1, 5), 'unknown-dtype', /0x0a/);
    expectIdxError(Uint8Array.of(0, 0, 8, 0), 'zero-dims');
    expectIdxError(Uint8Array.of(0, 0, 8, 2, 0, 0, 0, 1), 'truncated-header', /12-byte header/);
    expectIdxError(idxBytes(0x08, [2, 0], new Uint8Array(0)), 'zero-dims', /dimension 1/);
    expectIdxError(idxBytes(0x08, [0x80000000], new Uint8Array(0)), 'dim-too-large');
    expectIdxError(
      idxBytes(0x08, [0x7fffffff, 0x7fffffff, 0x7fffffff], new Uint8Array(0)),
      'product-overflow',
    );
    expectIdxError(
      idxBytes(0x0c, [3], new Uint8Array(11)),
      'size-mismatch',
      /expected 20 bytes for dims \[3\] of int32, got 19/,
    );
    expectIdxError(idxBytes(0x08, [3], new Uint8Array(5)), 'trailing-bytes', /2 trailing/);
    expectIdxError(Uint8Array.of(0x1f, 0x8b, 8, 0), 'gzip');
  });

  it('refuses a header claiming 60000×28×28 images on a short buffer without allocating them', () => {
    expectIdxError(
      idxBytes(0x08, [60000, 28, 28], new Uint8Array(10)),
      'size-mismatch',
      /expected 47040016 bytes for dims \[60000, 28, 28\] of uint8, got 26/,
    );
    // 2^31 - 1 float64 elements would need 16 GiB: refused by the length check, not by allocation.
    expectIdxError(idxBytes(0x0e, [0x7fffffff], new Uint8Array(8)), 'size-mismatch');
  });

  it('rejects non-byte input with a typed error', () => {
    expect(() => parseIdx('abc' as unknown as Uint8Array)).toThrow(LatentkitError);
  });

  it('property: ≥ 10,000 random, truncated and mutated buffers parse consistently or throw IdxFormatError', () => {
    const validArb = fc
      .record({
        type: fc.constantFrom(...TYPES),
        dims: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        seed: fc.integer(),
      })
      .map(({ type, dims, seed }) => {
        const n = dims.reduce((a, b) => a * b, 1) * type.size;
        let s = seed >>> 0;
        const payload = Uint8Array.from({ length: n }, () => {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          return s >>> 24;
        });
        return { bytes: idxBytes(type.code, dims, payload), dims, size: type.size };
      });
    const caseArb = fc.oneof(
      validArb.map((v) => ({ kind: 'valid' as const, ...v })),
      fc.uint8Array({ maxLength: 80 }).map((bytes) => ({ kind: 'random' as const, bytes })),
      fc.tuple(validArb, fc.nat()).map(([v, cut]) => ({
        kind: 'truncated' as const,
        bytes: v.bytes.slice(0, cut % v.bytes.length),
      })),
      fc
        .tuple(
          validArb,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 4,
          }),
        )
        .map(([v, edits]) => {
          const bytes = v.bytes.slice();
          for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
          return { kind: 'mutated' as const, bytes };
        }),
      fc.tuple(validArb, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([v, extra]) => {
        const bytes = new Uint8Array(v.bytes.length + extra.length);
        bytes.set(v.bytes);
        bytes.set(extra, v.bytes.length);
        return { kind: 'trailing' as const, bytes };
      }),
      fc
        .tuple(
          fc.constantFrom(...TYPES),
          fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
          fc.uint8Array({ maxLength: 40 }),
        )
        .map(([t, dims, payload]) => ({
          kind: 'huge-dims' as const,
          bytes: idxBytes(t.code, dims, payload),
        })),
    );
    let parsedCount = 0;
    let errorCount = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        let result: ReturnType<typeof parseIdx>;
        try {
          result = parseIdx(c.bytes);
        } catch (error) {
          if (!(error instanceof IdxFormatError)) throw error;
          if (c.kind === 'valid') throw new Error(`a valid buffer was refused: ${error.message}`);
          errorCount++;
          return;
        }
        if (c.kind === 'truncated' || c.kind === 'trailing') {
          throw new Error(`a ${c.kind} buffer was accepted`);
        }
        parsedCount++;
        const count = result.dims.reduce((a, b) => a * b, 1);
        expect(result.data.length).toBe(count);
        expect(4 + 4 * result.dims.length + count * result.data.BYTES_PER_ELEMENT).toBe(
          c.bytes.length,
        );
        expect(encodeIdx(result)).toEqual(c.bytes);
        if (c.kind === 'valid') expect(result.dims).toEqual(c.dims);
      }),
      { numRuns: 12_000, seed: 20240611 },
    );
    expect(parsedCount + errorCount).toBe(12_000);
    expect(parsedCount).toBeGreaterThan(2000);
    expect(errorCount).toBeGreaterThan(2000);
  });
});
