import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../../vitest.fuzz.js';
import { IdxFormatError } from '../errors/idx-format-error.js';
import { decodeIdxSync } from '../node/read-idx-file.js';
import { decodeIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import { IDX_DTYPES, type IdxArray, type IdxDtype } from './idx-dtype.js';
import { parseIdx } from './parse-idx.js';

// Fuzzing the IDX readers (seeded, so every run checks the same inputs):
// - 5 000 mutations of valid files (byte flips, truncation, appended bytes, rewritten dimensions,
//   random bytes): each parses losslessly (re-encoding gives the input back) or throws an
//   IdxFormatError, quickly and without ArrayBuffer growth beyond the input's size;
// - 3 000 random headers (any type code, up to 255 dimensions of any 32-bit size) over a few
//   data bytes: accepted exactly when the declared size equals the bytes given, so a header
//   claiming gigabytes never allocates them;
// - 600 mutated gzip streams through decodeIdx (DecompressionStream) and decodeIdxSync (zlib)
//   with a small maxBytes: the same array or an IdxFormatError from both.

const RUNS = 5_000;
const HEADER_RUNS = 3_000;
const GZIP_RUNS = 600;
const SLOW_MS = 1_000;
const DTYPES = Object.keys(IDX_DTYPES) as IdxDtype[];

/** Parses, returning the array or the IdxFormatError; anything else, or a slow or greedy call, fails. */
function parseOrRefuse(bytes: Uint8Array): IdxArray | IdxFormatError {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let result: IdxArray | IdxFormatError;
  try {
    result = parseIdx(bytes);
  } catch (error) {
    if (!(error instanceof IdxFormatError)) throw error;
    result = error;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Error(`parseIdx took ${ms.toFixed(0)} ms for ${bytes.length} bytes`);
  const grown = process.memoryUsage().arrayBuffers - before;
  if (grown > 2 ** 20 + 2 * bytes.length) {
    throw new Error(`parseIdx of ${bytes.length} bytes grew ArrayBuffers by ${grown} bytes`);
  }
  return result;
}

const validFile = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    dims: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    seed: fc.nat(),
  })
  .map(({ dtype, dims, seed }) => {
    const { ctor, size } = IDX_DTYPES[dtype];
    const data = new ctor(dims.reduce((a, b) => a * b, 1));
    const raw = new Uint8Array(data.buffer);
    let s = seed >>> 0;
    for (let i = 0; i < raw.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      raw[i] = s >>> 24;
    }
    expect(raw.length).toBe(data.length * size);
    return encodeIdx({ dtype, dims, data });
  });

const mutated = fc.oneof(
  fc
    .tuple(
      validFile,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.boolean(),
    )
    .map(([bytes, flips, headerOnly]) => {
      const out = bytes.slice();
      const span = headerOnly ? Math.min(out.length, 4 + 4 * out[3]!) : out.length;
      for (const [at, value] of flips) out[at % span] = value;
      return out;
    }),
  fc.tuple(validFile, fc.nat()).map(([b, cut]) => b.subarray(0, cut % (b.length + 1))),
  fc
    .tuple(validFile, fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([b, extra]) => Uint8Array.from([...b, ...extra])),
  fc
    .tuple(
      validFile,
      fc.nat(),
      fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff), fc.nat()),
    )
    .map(([b, k, value]) => {
      const out = b.slice();
      new DataView(out.buffer).setUint32(4 + 4 * (k % out[3]!), value >>> 0, false);
      return out;
    }),
  fc.uint8Array({ maxLength: 48 }),
  validFile,
);

/** A random header (type code, dimension count, sizes) over a few data bytes. */
const randomHeader = fc
  .record({
    code: fc.oneof(fc.constantFrom(...DTYPES.map((d) => IDX_DTYPES[d].code)), fc.nat(255)),
    dims: fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 0x7fffffff, 0x80000000, 0xffffffff, 65_536),
      ),
      { minLength: 0, maxLength: 6 },
    ),
    extraDims: fc.constantFrom(0, 0, 0, 249),
    data: fc.nat(96),
    exact: fc.boolean(),
  })
  .map(({ code, dims, extraDims, data: random, exact }) => {
    const all = [...dims, ...Array.from({ length: extraDims }, () => 1)];
    // Half the time, give exactly the bytes a small valid header asks for.
    const dtype = DTYPES.find((d) => IDX_DTYPES[d].code === code);
    const wanted = all.reduce((a, d) => a * d, dtype ? IDX_DTYPES[dtype].size : 1);
    const data = exact && wanted <= 4_096 ? wanted : random;
    const bytes = new Uint8Array(4 + 4 * all.length + data);
    bytes[2] = code;
    bytes[3] = all.length;
    const view = new DataView(bytes.buffer);
    all.forEach((d, k) => {
      view.setUint32(4 + 4 * k, d, false);
    });
    return { code, dims: all, data, bytes };
  });

/** The format's rule, computed with BigInt: the one size the header allows. */
function accepts(code: number, dims: readonly number[], data: number): boolean {
  const dtype = DTYPES.find((d) => IDX_DTYPES[d].code === code);
  if (dtype === undefined || dims.length === 0) return false;
  if (dims.some((d) => d === 0 || d > 0x7fffffff)) return false;
  const count = dims.reduce((a, d) => a * BigInt(d), 1n);
  return count * BigInt(IDX_DTYPES[dtype].size) === BigInt(data);
}

describe('IDX fuzzing', () => {
  it(`${RUNS} mutated or random files: lossless parse or IdxFormatError, nothing else`, () => {
    const outcomes = { parsed: 0, refused: 0 };
    const details = fc.check(
      fc.property(mutated, (bytes) => {
        const result = parseOrRefuse(bytes);
        if (result instanceof IdxFormatError) {
          outcomes.refused++;
          return;
        }
        outcomes.parsed++;
        expect(result.data.length).toBe(result.dims.reduce((a, b) => a * b, 1));
        expect(encodeIdx(result)).toEqual(bytes);
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('idx', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
    expect(outcomes.parsed).toBeGreaterThan(RUNS / 20);
  });

  it(`${HEADER_RUNS} random headers: accepted exactly when the declared size is the data's`, () => {
    const outcomes = { parsed: 0, refused: 0 };
    const details = fc.check(
      fc.property(randomHeader, ({ code, dims, data, bytes }) => {
        const result = parseOrRefuse(bytes);
        if (accepts(code, dims, data)) {
          expect(result).not.toBeInstanceOf(IdxFormatError);
          outcomes.parsed++;
        } else {
          expect(result).toBeInstanceOf(IdxFormatError);
          outcomes.refused++;
        }
      }),
      { numRuns: HEADER_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('idx headers', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.parsed).toBeGreaterThan(HEADER_RUNS / 50);
    expect(outcomes.refused).toBeGreaterThan(HEADER_RUNS / 2);
  });

  it(`${GZIP_RUNS} mutated gzip streams: both decoders give the array or an IdxFormatError`, async () => {
    const outcomes = { parsed: 0, refused: 0 };
    const maxBytes = 4_096;
    const gzipped = fc.oneof(
      // A valid file, compressed, then damaged (or not).
      fc
        .tuple(
          validFile,
          fc.option(
            fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
            { freq: 2 },
          ),
          fc.option(fc.nat(), { freq: 2 }),
        )
        .map(([file, flips, cut]) => {
          const out = new Uint8Array(gzipSync(file));
          for (const [at, value] of flips ?? []) out[2 + (at % (out.length - 2))] = value;
          return cut === null ? out : out.subarray(0, 2 + (cut % (out.length - 1)));
        }),
      // A small stream that inflates past maxBytes.
      fc
        .integer({ min: maxBytes - 16, max: 4 * maxBytes })
        .map((n) => new Uint8Array(gzipSync(new Uint8Array(n)))),
    );
    const settle = async (run: () => IdxArray | Promise<IdxArray>) => {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof IdxFormatError)) throw error;
        return error;
      }
    };
    const details = await fc.check(
      fc.asyncProperty(gzipped, async (bytes) => {
        const async = await settle(() => decodeIdx(bytes, { maxBytes }));
        const sync = await settle(() => decodeIdxSync(bytes, { maxBytes }));
        if (async instanceof IdxFormatError || sync instanceof IdxFormatError) {
          // Both refuse (zlib and DecompressionStream may word it differently).
          expect(async).toBeInstanceOf(IdxFormatError);
          expect(sync).toBeInstanceOf(IdxFormatError);
          outcomes.refused++;
        } else {
          expect(async).toEqual(sync);
          outcomes.parsed++;
        }
      }),
      { numRuns: GZIP_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('idx gzip', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.parsed).toBeGreaterThan(GZIP_RUNS / 20);
    expect(outcomes.refused).toBeGreaterThan(GZIP_RUNS / 4);
  });
});
