import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

// Fuzzing the decoder: ≥ 10 000 files made by mutating valid encodings (byte flips, truncation,
// appended bytes, a rewritten header length, spliced header text, edited JSON fields) and purely
// random bytes. Every file must either decode consistently (re-encode → decode gives the same
// tensors and metadata, and a second re-encode the same bytes) or throw a SafetensorsError —
// never another error type, never a hang, and never an allocation larger than the input.

const RUNS = 12_000;

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

describe('safetensors fuzzing', () => {
  it(`${RUNS} mutated or random files: consistent decode or SafetensorsError, nothing else`, () => {
    const outcomes = { decoded: 0, refused: 0 };
    fc.assert(
      fc.property(mutated, (bytes) => {
        let first: ReturnType<typeof decodeSafetensors>;
        try {
          first = decodeSafetensors(bytes);
        } catch (error) {
          if (!(error instanceof SafetensorsError)) throw error;
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
      { numRuns: RUNS, seed: 20240611 },
    );
    console.log(`fuzz: ${outcomes.decoded} decoded consistently, ${outcomes.refused} refused`);
    expect(outcomes.decoded + outcomes.refused).toBe(RUNS);
    // Both branches must really be exercised.
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
    expect(outcomes.decoded).toBeGreaterThan(RUNS / 20);
  });

  it('refuses lying sizes without allocating them', () => {
    const huge = rawSafetensors(
      { t: { dtype: 'F64', shape: [2 ** 30, 2 ** 30], data_offsets: [0, 2 ** 53 - 1] } },
      new Uint8Array(16),
    );
    expect(() => decodeSafetensors(huge)).toThrow(SafetensorsError);
    const longHeader = rawSafetensors('{}', new Uint8Array(0), 2n ** 62n);
    expect(() => decodeSafetensors(longHeader)).toThrow(/exceeds the maximum/);
  });
});
