import { InvalidArgumentError, ShapeError } from '@latentkit/core';
import { HOST_LITTLE_ENDIAN, IDX_DTYPES, type IdxArrayTypes, type IdxDtype } from './idx-dtype.js';

/**
 * Serializes an array to the IDX format (uncompressed), the inverse of {@link parseIdx}:
 * `encodeIdx(parseIdx(bytes))` returns the same bytes. Useful to write test fixtures or to export
 * data for other tools.
 *
 * @param array - dtype, dims (1 to 255 dimensions, each an integer in [1, 2³¹ − 1]) and the
 *   elements in row-major order; `data` must be the typed array matching `dtype`
 *   (e.g. `Float32Array` for `'float32'`).
 * @returns A new buffer: 4-byte magic, 4 bytes per dimension, then the big-endian elements.
 * @throws {@link ShapeError} if `data.length` is not the product of `dims`.
 * @throws {@link InvalidArgumentError} for an unknown dtype, a bad dimension, or a `data` array
 *   of the wrong element type.
 *
 * @example
 * ```ts
 * import { encodeIdx, parseIdx } from '@latentkit/datasets';
 *
 * const bytes = encodeIdx({ dtype: 'uint8', dims: [2, 2], data: new Uint8Array([0, 64, 128, 255]) });
 * parseIdx(bytes); // → { dtype: 'uint8', dims: [2, 2], data: Uint8Array [0, 64, 128, 255] }
 * ```
 */
export function encodeIdx(array: {
  dtype: IdxDtype;
  dims: readonly number[];
  data: IdxArrayTypes[IdxDtype];
}): Uint8Array {
  const { dtype, dims, data } = array;
  const info = IDX_DTYPES[dtype as IdxDtype];
  if (info === undefined) {
    throw new InvalidArgumentError('dtype', `unknown IDX dtype ${JSON.stringify(dtype)}`);
  }
  if (!(data instanceof info.ctor) || data.BYTES_PER_ELEMENT !== info.size) {
    throw new InvalidArgumentError('data', `must be a ${info.ctor.name} for dtype '${dtype}'`);
  }
  if (!Array.isArray(dims) || dims.length < 1 || dims.length > 255) {
    throw new InvalidArgumentError('dims', 'must be an array of 1 to 255 dimension sizes');
  }
  let count = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1 || d > 0x7fffffff) {
      throw new InvalidArgumentError(
        'dims',
        `each size must be an integer in [1, 2^31 - 1], got ${d}`,
      );
    }
    count *= d;
  }
  if (count !== data.length) {
    throw new ShapeError(
      `encodeIdx: data has ${data.length} elements but dims [${dims.join(', ')}] need ${count}`,
      dims,
      [data.length],
    );
  }
  const offset = 4 + 4 * dims.length;
  const out = new Uint8Array(offset + data.byteLength);
  const view = new DataView(out.buffer);
  out[2] = info.code;
  out[3] = dims.length;
  for (let k = 0; k < dims.length; k++) view.setUint32(4 + 4 * k, dims[k]!, false);
  const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const size = info.size;
  if (size === 1 || !HOST_LITTLE_ENDIAN) {
    out.set(src, offset);
  } else {
    for (let i = 0; i < src.length; i += size) {
      for (let b = 0; b < size; b++) out[offset + i + b] = src[i + size - 1 - b]!;
    }
  }
  return out;
}
