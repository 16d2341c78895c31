/**
 * Any numeric typed array latentkit datasets hand out or accept as row data (no bigint arrays).
 */
export type NumericArray =
  | Uint8Array
  | Int8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/**
 * @internal Creates a zeroed array of the same element type as `like` with `length` elements.
 * Subclasses (e.g. Node's `Buffer`) map to their plain base type.
 */
export function sameKind<T extends NumericArray>(like: T, length: number): T {
  if (like instanceof Uint8Array) return new Uint8Array(length) as T;
  if (like instanceof Float32Array) return new Float32Array(length) as T;
  if (like instanceof Int32Array) return new Int32Array(length) as T;
  if (like instanceof Float64Array) return new Float64Array(length) as T;
  if (like instanceof Int8Array) return new Int8Array(length) as T;
  if (like instanceof Uint8ClampedArray) return new Uint8ClampedArray(length) as T;
  if (like instanceof Int16Array) return new Int16Array(length) as T;
  if (like instanceof Uint16Array) return new Uint16Array(length) as T;
  return new Uint32Array(length) as T;
}

/** @internal True for any numeric typed array (not a DataView, not a bigint array). */
export function isNumericArray(x: unknown): x is NumericArray {
  return (
    ArrayBuffer.isView(x) &&
    !(x instanceof DataView) &&
    !(x instanceof BigInt64Array) &&
    !(x instanceof BigUint64Array)
  );
}
