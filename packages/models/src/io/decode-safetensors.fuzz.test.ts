import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../../vitest.fuzz.js';
import { decodeSafetensors } from './decode-safetensors.js';
import { encodeSafetensors } from './encode-safetensors.js';
import {
  DTYPE_INFO,
  SAFETENSORS_DTYPES,
  type SafetensorsDtype,
  type SafetensorsTensor,
} from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';
import { headerText, rawSafetensors } from './testing/raw-safetensors.js';

// Fuzzing the decoder (seeded, so every run checks the same files):
// - 8 000 files made by mutating valid encodings (byte flips, truncation, appended bytes, a
//   rewritten header length, spliced header text, edited JSON fields) and purely random bytes:
//   each must either decode consistently (re-encode → decode gives the same tensors and metadata,
//   and a second re-encode the same bytes) or throw a SafetensorsError — never another error
//   type, never a slow call, never an allocation larger than the input;
// - headers declaring huge shapes, offsets and header lengths over a few real bytes: refused
//   without allocating what they declare;
// - headers nested at random depths, with brackets also inside strings: refused exactly when the
//   structure nests deeper than a safetensors header can;
// - random dtype strings: accepted exactly when known;
// - random data_offsets (overlapping, out of range, holes): accepted exactly when the tensors
//   tile the data region, and then every tensor holds its own bytes.

const RUNS = 8_000;
/** A single decode of these few-kilobyte inputs taking longer than this is a hang in the making. */
const SLOW_MS = 1_000;

interface Spec {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  seed: number;
}

function fill(spec: Spec): SafetensorsTensor {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const { ctor, size } = DTYPE_INFO[spec.dtype];
  const data = new ctor(count);
  const bytes = new Uint8Array(data.buffer);
  let s = spec.seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    bytes[i] = s >>> 24;
  }
  if (spec.dtype === 'BOOL') for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! & 1;
  expect(bytes.length).toBe(count * size);
  return { dtype: spec.dtype, shape: spec.shape, data };
}

const specArb = fc.record({
  name: fc.string({ maxLength: 6, unit: 'grapheme' }).filter((n) => n !== '__metadata__'),
  dtype: fc.constantFrom(...SAFETENSORS_DTYPES),
  shape: fc.array(fc.nat(4), { maxLength: 3 }),
  seed: fc.nat(),
});

/** A valid file: a few tensors of random dtypes and shapes, and maybe metadata. */
const validFile = fc
  .tuple(
    fc.uniqueArray(specArb, { maxLength: 5, selector: (s) => s.name }),
    fc.dictionary(fc.string({ maxLength: 5, unit: 'grapheme' }), fc.string({ maxLength: 8 }), {
      maxKeys: 2,
    }),
  )
  .map(([specs, metadata]) =>
    encodeSafetensors(Object.fromEntries(specs.map((s) => [s.name, fill(s)])), metadata),
  );

const headerLength = (b: Uint8Array): number =>
  Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true));

/** Replaces the header text, keeping the data bytes; the length field is rewritten to match. */
function withHeader(bytes: Uint8Array, text: string): Uint8Array {
  return rawSafetensors(text, bytes.subarray(8 + headerLength(bytes)));
}

const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 1.5, 2 ** 53, 2 ** 64, 1e308, '8', null, [], [0], [0, 0, 0], 'F8_E4M3'),
  fc.integer({ min: -4, max: 64 }),
);

/** Edits one field of one header entry (or the header as a whole) through JSON. */
const editJson = fc
  .tuple(
    validFile,
    fc.nat(),
    fc.constantFrom('dtype', 'shape', 'data_offsets', 'x', 'delete', 'entry'),
    weirdValue,
    fc.boolean(),
  )
  .map(([bytes, pick, field, value, offsetOnly]) => {
    const header = JSON.parse(headerText(bytes)) as Record<string, Record<string, unknown>>;
    const keys = Object.keys(header);
    if (keys.length === 0) return withHeader(bytes, JSON.stringify(value));
    const key = keys[pick % keys.length]!;
    const target = header[key]!;
    if (field === 'entry') header[key] = value as Record<string, unknown>;
    else if (field === 'delete') delete target[Object.keys(target)[pick % 3] ?? 'dtype'];
    else if (field === 'data_offsets' && offsetOnly && Array.isArray(target.data_offsets)) {
      const offs = target.data_offsets as number[];
      offs[pick % 2] = Math.max(0, offs[pick % 2]! + (pick % 2 === 0 ? 1 : -1) * ((pick % 5) + 1));
    } else target[field] = value;
    return withHeader(bytes, JSON.stringify(header));
  });

const flipBytes = fc
  .tuple(
    validFile,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([bytes, flips, headerOnly]) => {
    const out = bytes.slice();
    const span = headerOnly ? Math.min(out.length, 8 + headerLength(out)) : out.length;
    for (const [pos, value] of flips) out[pos % span] = value;
    return out;
  });

const truncate = fc
  .tuple(validFile, fc.nat())
  .map(([bytes, cut]) => bytes.subarray(0, cut % (bytes.length + 1)));

const append = fc
  .tuple(validFile, fc.uint8Array({ minLength: 1, maxLength: 16 }))
  .map(([bytes, extra]) => Uint8Array.from([...bytes, ...extra]));

const rewriteLength = fc
  .tuple(
    validFile,
    fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.integer({ min: -16, max: 16 }).map(BigInt),
    ),
  )
  .map(([bytes, value]) => {
    const out = bytes.slice();
    const old = BigInt(headerLength(out));
    const next = value > -17n && value < 17n ? old + value : value;
    new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, next), true);
    return out;
  });

const spliceHeader = fc
  .tuple(validFile, fc.nat(), fc.nat(6), fc.string({ maxLength: 4, unit: 'binary' }))
  .map(([bytes, at, remove, insert]) => {
    const text = headerText(bytes);
    const i = at % (text.length + 1);
    return withHeader(bytes, text.slice(0, i) + insert + text.slice(i + remove));
  });

const randomBytes = fc.uint8Array({ maxLength: 64 }).map((b) => {
  // Give a plausible small header length most of the time so the JSON stage is reached.
  if (b.length >= 8 && b[0]! % 2 === 0)
    new DataView(b.buffer).setBigUint64(0, BigInt(b.length - 8), true);
  return b;
});

const mutated = fc.oneof(
  editJson,
  flipBytes,
  truncate,
  append,
  rewriteLength,
  spliceHeader,
  randomBytes,
  validFile,
);

function sameDecoded(
  a: ReturnType<typeof decodeSafetensors>,
  b: ReturnType<typeof decodeSafetensors>,
): void {
  expect(b.metadata).toEqual(a.metadata);
  expect(Object.keys(b.tensors)).toEqual(Object.keys(a.tensors));
  for (const [name, t] of Object.entries(a.tensors)) {
    const u = b.tensors[name]!;
    expect([u.dtype, u.shape]).toEqual([t.dtype, t.shape]);
    expect(new Uint8Array(u.data.buffer)).toEqual(new Uint8Array(t.data.buffer));
  }
}

type Decoded = ReturnType<typeof decodeSafetensors>;

/**
 * Decodes, returning the result or the SafetensorsError; any other throw fails the case, and so
 * does a call slower than {@link SLOW_MS} or one whose ArrayBuffer memory grows by more than
 * `1 MB + 4 × input` (the result included).
 */
function decodeOrRefuse(bytes: Uint8Array): Decoded | SafetensorsError {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let result: Decoded | SafetensorsError;
  try {
    result = decodeSafetensors(bytes);
  } catch (error) {
    if (!(error instanceof SafetensorsError)) throw error;
    result = error;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Error(`decode took ${ms.toFixed(0)} ms for ${bytes.length} bytes`);
  const grown = process.memoryUsage().arrayBuffers - before;
  if (grown > 2 ** 20 + 4 * bytes.length) {
    throw new Error(`decode of ${bytes.length} bytes grew ArrayBuffers by ${grown} bytes`);
  }
  return result;
}

const u8Data = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37) & 255);

/** Huge numbers a lying header may declare, mixed with small ones. */
const hugeInt = fc.oneof(
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53, 2 ** 63, 1e300),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.nat(64),
);

const lyingFile = fc.oneof(
  // A tensor whose shape and offsets declare far more than the bytes that follow.
  fc
    .record({
      dtype: fc.constantFrom(...SAFETENSORS_DTYPES),
      shape: fc.array(hugeInt, { maxLength: 4 }),
      begin: hugeInt,
      end: hugeInt,
      data: fc.nat(64),
    })
    .map(({ dtype, shape, begin, end, data }) =>
      rawSafetensors({ t: { dtype, shape, data_offsets: [begin, end] } }, u8Data(data)),
    ),
  // A header length field far beyond the file (or beyond the 100 MB limit).
  fc
    .tuple(fc.bigInt({ min: 9n, max: 2n ** 64n - 1n }), fc.nat(64))
    .map(([length, data]) => rawSafetensors('{}', u8Data(data), length)),
);

/** Bracket runs that add nesting, and the same inside a string (where they must not count). */
const nestedHeader = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 5_000 })),
    brackets: fc.array(fc.constantFrom('[', '{'), { minLength: 1, maxLength: 4 }),
    inString: fc.boolean(),
    where: fc.constantFrom('metadata', 'shape'),
  })
  .map(({ depth, brackets, inString, where }) => {
    const opens = Array.from({ length: depth }, (_, i) => brackets[i % brackets.length]!);
    // A well-formed nest: `{` needs a key before its value.
    const open = opens.map((b) => (b === '{' ? '{"k":' : '[')).join('');
    const close = [...opens]
      .reverse()
      .map((b) => (b === '{' ? '}' : ']'))
      .join('');
    const nest = `${open}0${close}`;
    const value = inString ? JSON.stringify(`${nest}\\"${nest}`) : nest;
    const text =
      where === 'metadata'
        ? `{"__metadata__":{"note":${value}}}`
        : `{"t":{"dtype":"U8","shape":${inString ? '[]' : `[${value}]`},"data_offsets":[0,1]},"__metadata__":{"n":${inString ? value : '""'}}}`;
    // The real depth: 2 for the header object and the metadata or tensor object, 1 for the
    // shape array, plus the nest (when it is not inside a string).
    const realDepth = inString
      ? where === 'shape'
        ? 3
        : 2
      : where === 'metadata'
        ? 2 + depth
        : 3 + depth;
    return {
      bytes: rawSafetensors(text, u8Data(1).subarray(0, where === 'shape' ? 1 : 0)),
      realDepth,
    };
  });

/** Valid files whose first tensor's dtype is replaced by a random string. */
const dtypeSwap = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        ...SAFETENSORS_DTYPES,
        'F8_E4M3',
        'F8_E5M2',
        'C64',
        'f32',
        'F32 ',
        'float32',
        '',
      ),
      fc.string({ maxLength: 6 }),
    ),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([dtype, n]) => ({
    dtype,
    n,
    bytes: rawSafetensors({ t: { dtype, shape: [n], data_offsets: [0, n] } }, u8Data(n)),
  }));

/** A few U8 tensors with random offsets over a data region of random length. */
const offsetsFile = fc
  .record({
    length: fc.nat(24),
    ranges: fc.array(fc.tuple(fc.nat(28), fc.nat(28)), { minLength: 1, maxLength: 4 }),
    tile: fc.boolean(),
  })
  .map(({ length, ranges, tile }) => {
    // Half the time, make the ranges tile [0, length) so that acceptance is exercised too.
    let spans = ranges;
    if (tile) {
      const cuts = [...new Set([0, length, ...ranges.map(([a]) => Math.min(a, length))])].sort(
        (a, b) => a - b,
      );
      spans = cuts.slice(1).map((c, i) => [cuts[i]!, c] as [number, number]);
      if (spans.length === 0) spans = [[0, 0]];
    }
    const header = Object.fromEntries(
      spans.map(([a, b], i) => [`t${i}`, { dtype: 'U8', shape: [b - a], data_offsets: [a, b] }]),
    );
    return { spans, length, bytes: rawSafetensors(header, u8Data(length)) };
  });

/** The reference reader's rule: sorted by offsets, each tensor starts where the last ended. */
function tiles(spans: readonly (readonly [number, number])[], length: number): boolean {
  if (spans.some(([a, b]) => b < a)) return false;
  let pos = 0;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    if (a !== pos) return false;
    pos = b;
  }
  return pos === length;
}

describe('safetensors fuzzing', () => {
  it(`${RUNS} mutated or random files: consistent decode or SafetensorsError, nothing else`, () => {
    const outcomes = { decoded: 0, refused: 0 };
    const details = fc.check(
      fc.property(mutated, (bytes) => {
        const first = decodeOrRefuse(bytes);
        if (first instanceof SafetensorsError) {
          outcomes.refused++;
          return;
        }
        outcomes.decoded++;
        // Allocation bound: decoded values never take more bytes than the input (F16/BF16
        // widen 2× to float32).
        const allocated = Object.values(first.tensors).reduce((n, t) => n + t.data.byteLength, 0);
        expect(allocated).toBeLessThanOrEqual(2 * bytes.length);
        const again = encodeSafetensors(first.tensors, first.metadata);
        const second = decodeSafetensors(again);
        sameDecoded(first, second);
        expect(encodeSafetensors(second.tensors, second.metadata)).toEqual(again);
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('safetensors', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.decoded + outcomes.refused).toBe(RUNS);
    // Both branches must really be exercised.
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
    expect(outcomes.decoded).toBeGreaterThan(RUNS / 20);
  });

  it('refuses lying sizes, offsets and header lengths without allocating them', () => {
    const runs = 1_500;
    const details = fc.check(
      fc.property(lyingFile, (bytes) => {
        const result = decodeOrRefuse(bytes);
        // Only a header that happens to describe its few bytes exactly may decode.
        if (!(result instanceof SafetensorsError)) {
          const size = Object.values(result.tensors).reduce((n, t) => n + t.data.byteLength, 0);
          expect(size).toBeLessThanOrEqual(2 * bytes.length);
        }
      }),
      { numRuns: runs, seed: FUZZ_SEED },
    );
    reportFuzz('safetensors lying sizes', details, fc.defaultReportMessage(details));
    const huge = rawSafetensors(
      { t: { dtype: 'F64', shape: [2 ** 30, 2 ** 30], data_offsets: [0, 2 ** 53 - 1] } },
      new Uint8Array(16),
    );
    expect(() => decodeSafetensors(huge)).toThrow(SafetensorsError);
    const longHeader = rawSafetensors('{}', new Uint8Array(0), 2n ** 62n);
    expect(() => decodeSafetensors(longHeader)).toThrow(/exceeds the maximum/);
  });

  it('refuses exactly the headers nested deeper than 3 levels, brackets in strings aside', () => {
    const runs = 1_000;
    const outcomes = { decoded: 0, tooDeep: 0, otherwise: 0 };
    const details = fc.check(
      fc.property(nestedHeader, ({ bytes, realDepth }) => {
        const result = decodeOrRefuse(bytes);
        if (realDepth > 3) {
          expect(result).toBeInstanceOf(SafetensorsError);
          expect((result as Error).message).toMatch(/nests deeper than 3 levels/);
          outcomes.tooDeep++;
        } else if (result instanceof SafetensorsError) {
          // Shallow enough, but a shape of arrays is still not a shape.
          expect(result.message).not.toMatch(/nests deeper/);
          outcomes.otherwise++;
        } else outcomes.decoded++;
      }),
      { numRuns: runs, seed: FUZZ_SEED },
    );
    reportFuzz('safetensors nesting', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.tooDeep).toBeGreaterThan(runs / 4);
    expect(outcomes.decoded).toBeGreaterThan(runs / 10);
  });

  it('accepts exactly the known dtypes', () => {
    const runs = 1_000;
    const outcomes = { decoded: 0, refused: 0 };
    const details = fc.check(
      fc.property(dtypeSwap, ({ dtype, n, bytes }) => {
        const result = decodeOrRefuse(bytes);
        const known = (SAFETENSORS_DTYPES as readonly string[]).includes(dtype);
        const size = known ? DTYPE_INFO[dtype as SafetensorsDtype].size : 0;
        if (known && size === 1 && (dtype !== 'BOOL' || n <= 1)) {
          expect(result).not.toBeInstanceOf(SafetensorsError);
          outcomes.decoded++;
        } else if (known && n === 0) {
          // An empty tensor of any known dtype fits zero bytes.
          expect(result).not.toBeInstanceOf(SafetensorsError);
          outcomes.decoded++;
        } else {
          expect(result).toBeInstanceOf(SafetensorsError);
          outcomes.refused++;
        }
      }),
      { numRuns: runs, seed: FUZZ_SEED },
    );
    reportFuzz('safetensors dtypes', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.decoded).toBeGreaterThan(runs / 10);
    expect(outcomes.refused).toBeGreaterThan(runs / 10);
  });

  it('accepts exactly the data_offsets that tile the data region', () => {
    const runs = 2_000;
    const outcomes = { decoded: 0, refused: 0 };
    const details = fc.check(
      fc.property(offsetsFile, ({ spans, length, bytes }) => {
        const result = decodeOrRefuse(bytes);
        if (!tiles(spans, length)) {
          expect(result).toBeInstanceOf(SafetensorsError);
          outcomes.refused++;
          return;
        }
        expect(result).not.toBeInstanceOf(SafetensorsError);
        const data = u8Data(length);
        spans.forEach(([a, b], i) => {
          expect((result as Decoded).tensors[`t${i}`]!.data).toEqual(data.subarray(a, b));
        });
        outcomes.decoded++;
      }),
      { numRuns: runs, seed: FUZZ_SEED },
    );
    reportFuzz('safetensors offsets', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.decoded).toBeGreaterThan(runs / 10);
    expect(outcomes.refused).toBeGreaterThan(runs / 10);
  });
});
