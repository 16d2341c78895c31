import { scanJsonKeys } from './json-object-keys.js';
import {
  DTYPE_INFO,
  isSafetensorsDtype,
  SAFETENSORS_DTYPES,
  type SafetensorsDtype,
  UNSUPPORTED_DTYPES,
} from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';

/** Default cap on the JSON header's length: 100 MB, as in the safetensors reference reader. */
export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;

/** The key of the header entry holding string metadata. */
export const METADATA_KEY = '__metadata__';

/** @internal One validated tensor entry of a header. */
export interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Byte offsets within the data region. */
  begin: number;
  end: number;
}

/** @internal A validated header. */
export interface ParsedHeader {
  /** Tensors in header order. */
  entries: HeaderEntry[];
  metadata: Record<string, string>;
  /** Byte offset of the data region in the file (8 + header length). */
  dataStart: number;
}

const TENSOR_FIELDS = ['dtype', 'shape', 'data_offsets'];

/** @internal Sets an own enumerable property (safe for keys such as `__proto__`). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? `'${value.slice(0, 40)}'` : typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readUintArray(value: unknown, what: string, name: string): number[] {
  if (!Array.isArray(value)) {
    throw new SafetensorsError(`${what} must be an array, got ${describe(value)}`, name);
  }
  for (const v of value) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new SafetensorsError(
        `${what} must hold non-negative integers, got ${JSON.stringify(value).slice(0, 80)}`,
        name,
      );
    }
  }
  return value as number[];
}

/** Byte size of a tensor, or `Infinity` if it exceeds 2⁵³ − 1 (so it is always exact). */
function byteSize(shape: readonly number[], itemSize: number): number {
  if (shape.includes(0)) return 0;
  let size = itemSize;
  for (const d of shape) {
    size *= d;
    if (size > Number.MAX_SAFE_INTEGER) return Number.POSITIVE_INFINITY;
  }
  return size;
}

function parseEntry(name: string, value: unknown, dataLength: number): HeaderEntry {
  if (!isPlainObject(value)) {
    throw new SafetensorsError(`tensor entry must be an object, got ${describe(value)}`, name);
  }
  for (const key of Object.keys(value)) {
    if (!TENSOR_FIELDS.includes(key)) {
      throw new SafetensorsError(
        `unknown field '${key}' (expected ${TENSOR_FIELDS.join(', ')})`,
        name,
      );
    }
  }
  for (const key of TENSOR_FIELDS) {
    if (!(key in value)) throw new SafetensorsError(`missing field '${key}'`, name);
  }
  const { dtype } = value;
  if (!isSafetensorsDtype(dtype)) {
    const why = UNSUPPORTED_DTYPES.includes(dtype as string)
      ? 'is not supported by latentkit'
      : `is unknown (known: ${SAFETENSORS_DTYPES.join(', ')})`;
    throw new SafetensorsError(`dtype ${describe(dtype)} ${why}`, name);
  }
  const shape = readUintArray(value.shape, 'shape', name);
  const offsets = readUintArray(value.data_offsets, 'data_offsets', name);
  if (offsets.length !== 2) {
    throw new SafetensorsError(
      `data_offsets must be [begin, end], got ${offsets.length} numbers`,
      name,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) {
    throw new SafetensorsError(`data_offsets [${begin}, ${end}]: begin is after end`, name);
  }
  if (end > dataLength) {
    throw new SafetensorsError(
      `data_offsets [${begin}, ${end}] reach past the data region (${dataLength} bytes)`,
      name,
    );
  }
  const expected = byteSize(shape, DTYPE_INFO[dtype].size);
  if (expected !== end - begin) {
    const want = Number.isFinite(expected) ? `${expected} bytes` : 'more than 2^53 bytes';
    throw new SafetensorsError(
      `shape [${shape.join(', ')}] of ${dtype} needs ${want}, data_offsets give ${end - begin}`,
      name,
    );
  }
  return { name, dtype, shape: [...shape], begin, end };
}

function parseMetadata(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) {
    throw new SafetensorsError(
      `must be an object of strings, got ${describe(value)}`,
      METADATA_KEY,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      throw new SafetensorsError(
        `value of '${k}' must be a string, got ${describe(v)}`,
        METADATA_KEY,
      );
    }
    setOwn(out, k, v);
  }
  return out;
}

function checkCoverage(entries: readonly HeaderEntry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let pos = 0;
  let previous = '';
  for (const e of sorted) {
    if (e.begin > pos) {
      throw new SafetensorsError(
        `hole in the data region: bytes ${pos}–${e.begin} belong to no tensor`,
        e.name,
      );
    }
    if (e.begin < pos) {
      throw new SafetensorsError(
        `data overlaps tensor '${previous}' (bytes ${e.begin}–${pos})`,
        e.name,
      );
    }
    pos = e.end;
    previous = e.name;
  }
  if (pos !== dataLength) {
    throw new SafetensorsError(
      `the data region has ${dataLength - pos} trailing bytes that belong to no tensor`,
    );
  }
}

/** How deep a valid header nests: an object (1) of tensor objects (2) holding arrays (3). */
const MAX_HEADER_DEPTH = 3;

/**
 * Refuses a header that nests deeper than a safetensors header can, scanning the raw bytes once
 * before anything is decoded or parsed: a header such as `{"x":[[[[…]]]]}` would otherwise make
 * `JSON.parse` build millions of nested arrays (seconds and gigabytes for a few megabytes). UTF-8
 * never puts an ASCII byte inside a multi-byte character, so brackets and quotes are found
 * byte by byte; brackets inside strings do not count.
 */
function checkNesting(bytes: Uint8Array): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > MAX_HEADER_DEPTH) {
        throw new SafetensorsError(
          `the header nests deeper than ${MAX_HEADER_DEPTH} levels (at byte ${i}); a safetensors header is an object of tensor objects holding arrays`,
        );
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
}

function decodeHeaderText(bytes: Uint8Array): string {
  if (bytes.length === 0 || bytes[0] !== 0x7b) {
    throw new SafetensorsError("the JSON header must start with '{'");
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SafetensorsError('the header is not valid UTF-8');
  }
}

/**
 * @internal Reads and validates the header of a safetensors file (everything except the tensor
 * values). Allocates nothing whose size was not first checked against `bytes.length`.
 *
 * @throws {@link SafetensorsError} for every malformation.
 */
export function parseSafetensorsHeader(bytes: Uint8Array, maxHeaderBytes: number): ParsedHeader {
  if (bytes.length < 8) {
    throw new SafetensorsError(`file is ${bytes.length} bytes, too short for the header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low; // exact below 2⁵³, and compared only to bounds
  if (headerLength > maxHeaderBytes) {
    throw new SafetensorsError(
      `header length ${high > 0x1fffff ? `≥ 2^53` : headerLength} exceeds the maximum of ${maxHeaderBytes} bytes`,
    );
  }
  if (headerLength > bytes.length - 8) {
    throw new SafetensorsError(
      `header length ${headerLength} is larger than the ${bytes.length - 8} bytes after it`,
    );
  }
  checkNesting(bytes.subarray(8, 8 + headerLength));
  const text = decodeHeaderText(bytes.subarray(8, 8 + headerLength));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 120) : String(error);
    throw new SafetensorsError(`the header is not valid JSON (${detail})`);
  }
  if (!isPlainObject(parsed)) {
    throw new SafetensorsError(`the header must be a JSON object, got ${describe(parsed)}`);
  }
  const { topLevelKeys, duplicate } = scanJsonKeys(text);
  if (duplicate !== undefined) {
    throw new SafetensorsError(`the header repeats the key '${duplicate.slice(0, 80)}'`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const key of topLevelKeys) {
    const value = parsed[key];
    if (key === METADATA_KEY) metadata = parseMetadata(value);
    else entries.push(parseEntry(key, value, dataLength));
  }
  checkCoverage(entries, dataLength);
  return { entries, metadata, dataStart };
}
