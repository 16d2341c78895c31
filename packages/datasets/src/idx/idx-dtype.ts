/**
 * The element types an IDX file can hold, by the names of the original format description
 * (http://yann.lecun.com/exdb/mnist/): type code 0x08 unsigned byte, 0x09 signed byte,
 * 0x0B short (16 bit), 0x0C int (32 bit), 0x0D float (32 bit), 0x0E double (64 bit).
 * All multi-byte values are big-endian in the file.
 */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array each {@link IdxDtype} is decoded into (native byte order). */
export interface IdxArrayTypes {
  /** Type code 0x08: unsigned bytes (MNIST images and labels). */
  uint8: Uint8Array;
  /** Type code 0x09: signed bytes. */
  int8: Int8Array;
  /** Type code 0x0B: 16-bit signed integers. */
  int16: Int16Array;
  /** Type code 0x0C: 32-bit signed integers. */
  int32: Int32Array;
  /** Type code 0x0D: 32-bit floats. */
  float32: Float32Array;
  /** Type code 0x0E: 64-bit floats. */
  float64: Float64Array;
}

/**
 * A decoded IDX tensor: its element type, its dimensions (outermost first, e.g. `[60000, 28, 28]`
 * for MNIST training images) and its elements in row-major order as a native typed array.
 * `data.length` always equals the product of `dims`.
 */
export interface IdxArray<D extends IdxDtype = IdxDtype> {
  /** Element type. */
  dtype: D;
  /** Dimension sizes, outermost first; each ≥ 1. */
  dims: number[];
  /** Elements, row-major, native byte order. */
  data: IdxArrayTypes[D];
}

/** @internal Type code, byte size and typed-array constructor of each dtype. */
export const IDX_DTYPES: Readonly<
  Record<IdxDtype, { code: number; size: number; ctor: new (n: number) => IdxArrayTypes[IdxDtype] }>
> = {
  uint8: { code: 0x08, size: 1, ctor: Uint8Array },
  int8: { code: 0x09, size: 1, ctor: Int8Array },
  int16: { code: 0x0b, size: 2, ctor: Int16Array },
  int32: { code: 0x0c, size: 4, ctor: Int32Array },
  float32: { code: 0x0d, size: 4, ctor: Float32Array },
  float64: { code: 0x0e, size: 8, ctor: Float64Array },
};

/** @internal The dtype for an IDX type code, or undefined if the code is unknown. */
export function dtypeFromCode(code: number): IdxDtype | undefined {
  for (const [name, info] of Object.entries(IDX_DTYPES)) {
    if (info.code === code) return name as IdxDtype;
  }
  return undefined;
}

/** @internal True when this machine stores multi-byte numbers little-endian. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
