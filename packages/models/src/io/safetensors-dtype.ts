/**
 * The safetensors element types latentkit reads and writes, by their names in the file header:
 * floats `F64`, `F32`, `F16` (IEEE half), `BF16` (bfloat16); signed integers `I64`, `I32`, `I16`,
 * `I8`; unsigned integers `U64`, `U32`, `U16`, `U8`; and `BOOL` (one byte, 0 or 1).
 *
 * The 8-bit and sub-byte float formats of newer safetensors versions (`F8_E4M3`, `F8_E5M2`,
 * `F4`, …) and the complex types are refused with a {@link SafetensorsError}.
 */
export type SafetensorsDtype =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I32'
  | 'I16'
  | 'I8'
  | 'U64'
  | 'U32'
  | 'U16'
  | 'U8'
  | 'BOOL';

/**
 * The typed array holding a tensor's values, per dtype: `F64` Float64Array, `F32` Float32Array,
 * `F16`/`BF16` Float32Array (decoded values) or Uint16Array (raw bit patterns), `I64`
 * BigInt64Array, `U64` BigUint64Array, `I32` Int32Array, `U32` Uint32Array, `I16` Int16Array,
 * `U16` Uint16Array, `I8` Int8Array, `U8` and `BOOL` Uint8Array.
 */
export type SafetensorsData =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | BigUint64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** One tensor of a safetensors file. */
export interface SafetensorsTensor {
  /** Element type in the file. */
  dtype: SafetensorsDtype;
  /** Shape, outermost axis first; `[]` for a scalar. Each entry is a non-negative integer. */
  shape: number[];
  /** The values in row-major order; its type depends on `dtype` (see {@link SafetensorsData}). */
  data: SafetensorsData;
}

type TypedArrayCtor = new (length: number) => SafetensorsData;

/** @internal Byte size and typed array of each dtype (for F16/BF16: the raw-bits array). */
export const DTYPE_INFO: Readonly<
  Record<SafetensorsDtype, { size: number; ctor: TypedArrayCtor; name: string }>
> = {
  F64: { size: 8, ctor: Float64Array, name: 'Float64Array' },
  F32: { size: 4, ctor: Float32Array, name: 'Float32Array' },
  F16: { size: 2, ctor: Uint16Array, name: 'Float32Array or Uint16Array' },
  BF16: { size: 2, ctor: Uint16Array, name: 'Float32Array or Uint16Array' },
  I64: { size: 8, ctor: BigInt64Array, name: 'BigInt64Array' },
  I32: { size: 4, ctor: Int32Array, name: 'Int32Array' },
  I16: { size: 2, ctor: Int16Array, name: 'Int16Array' },
  I8: { size: 1, ctor: Int8Array, name: 'Int8Array' },
  U64: { size: 8, ctor: BigUint64Array, name: 'BigUint64Array' },
  U32: { size: 4, ctor: Uint32Array, name: 'Uint32Array' },
  U16: { size: 2, ctor: Uint16Array, name: 'Uint16Array' },
  U8: { size: 1, ctor: Uint8Array, name: 'Uint8Array' },
  BOOL: { size: 1, ctor: Uint8Array, name: 'Uint8Array' },
};

/** Every {@link SafetensorsDtype}, in the order of the safetensors documentation. */
export const SAFETENSORS_DTYPES: readonly SafetensorsDtype[] = Object.keys(
  DTYPE_INFO,
) as SafetensorsDtype[];

/** @internal dtypes the safetensors format defines that latentkit does not decode. */
export const UNSUPPORTED_DTYPES: readonly string[] = [
  'F8_E4M3',
  'F8_E5M2',
  'F8_E8M0',
  'F6_E2M3',
  'F6_E3M2',
  'F4',
  'C64',
];

/** @internal Whether `value` is a {@link SafetensorsDtype}. */
export function isSafetensorsDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.hasOwn(DTYPE_INFO, value);
}

/**
 * @internal True when this machine stores numbers little-endian (every platform Node and the
 * browsers run on in practice). On a big-endian host the codec byte-swaps each element.
 */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** @internal Reverses the byte order of each `size`-byte element of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** @internal The little-endian bytes of a typed array (a view when the host is little-endian). */
export function littleEndianBytes(data: SafetensorsData): Uint8Array {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (HOST_LITTLE_ENDIAN) return view;
  const copy = view.slice();
  swapBytes(copy, data.BYTES_PER_ELEMENT);
  return copy;
}
