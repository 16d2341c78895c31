import type { RawTensor } from './decode-onnx-model.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import { int64ToNumber } from './onnx-long.js';

/** ONNX `TensorProto.DataType` names, for messages. */
const DTYPE_NAMES: Record<number, string> = {
  0: 'UNDEFINED',
  1: 'FLOAT',
  2: 'UINT8',
  3: 'INT8',
  4: 'UINT16',
  5: 'INT16',
  6: 'INT32',
  7: 'INT64',
  8: 'STRING',
  9: 'BOOL',
  10: 'FLOAT16',
  11: 'DOUBLE',
  12: 'UINT32',
  13: 'UINT64',
  14: 'COMPLEX64',
  15: 'COMPLEX128',
  16: 'BFLOAT16',
};

/** ONNX data type codes the importer reads. */
export const ONNX_FLOAT = 1;
const ONNX_INT32 = 6;
const ONNX_INT64 = 7;

/** Largest accepted dimension: 2³¹ − 1. */
const MAX_DIM = 2 ** 31 - 1;

/** The name of an ONNX data type code. */
export function dtypeName(code: number | undefined): string {
  return DTYPE_NAMES[code ?? 0] ?? `data type ${code}`;
}

/** A decoded constant tensor: float32 values (weights) or integers (shape arithmetic). */
export interface ConstTensor {
  /** Dimensions, each a non-negative integer. */
  dims: number[];
  /** `'float32'` or `'int'` (INT32 / INT64, values as numbers). */
  dtype: 'float32' | 'int';
  /** Row-major values (Float32Array for float32, Float64Array of integers otherwise). */
  data: Float32Array | Float64Array;
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** The checked dims of a tensor: integers in [0, 2³¹ − 1], their product ≤ 2³¹ − 1. */
function readDims(tensor: RawTensor, what: string, site: OnnxErrorSite): number[] {
  const dims = (tensor.dims ?? []).map((d) => int64ToNumber(d));
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > MAX_DIM) {
      throw new OnnxImportError(
        'bad-tensor',
        `${what}: dimension ${d} is not an integer in [0, 2^31 − 1] (dims [${dims.join(', ')}])`,
        site,
      );
    }
  }
  if (product(dims) > MAX_DIM) {
    throw new OnnxImportError(
      'bad-tensor',
      `${what}: dims [${dims.join(', ')}] are too large`,
      site,
    );
  }
  return dims;
}

function checkCount(
  actual: number,
  expected: number,
  what: string,
  dims: number[],
  site: OnnxErrorSite,
): void {
  if (actual !== expected) {
    throw new OnnxImportError(
      'bad-tensor',
      `${what}: dims [${dims.join(', ')}] need ${expected} values but the data holds ${actual}`,
      site,
    );
  }
}

/** Refuses NaN and ±∞ in weights: one such value makes every output NaN. */
function finite(tensor: ConstTensor, what: string, site: OnnxErrorSite): ConstTensor {
  const bad = tensor.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new OnnxImportError('bad-tensor', `${what}: value ${bad} is ${tensor.data[bad]}`, site);
  }
  return tensor;
}

/**
 * Reads an initializer or `Constant` value. Every size is checked before anything is allocated:
 * dims non-negative integers, raw bytes = elements × item size (or the typed field's length =
 * elements). Tensors kept in external files, segmented tensors and float values that are NaN or
 * ±∞ are refused.
 *
 * @throws {@link OnnxImportError} `'external-data'`, `'bad-tensor'`, `'unsupported-dtype'`.
 */
export function readOnnxTensor(tensor: RawTensor, what: string, site: OnnxErrorSite): ConstTensor {
  if (tensor.dataLocation === 1 || (tensor.externalData?.length ?? 0) > 0) {
    throw new OnnxImportError(
      'external-data',
      `${what}: the values are in an external file; only self-contained ONNX files are read (save with all tensors inside the .onnx file)`,
      site,
    );
  }
  if (tensor.segment !== undefined && tensor.segment !== null) {
    throw new OnnxImportError('bad-tensor', `${what}: segmented tensors are not supported`, site);
  }
  const dims = readDims(tensor, what, site);
  const count = product(dims);
  const raw = tensor.rawData;
  const hasRaw = raw !== undefined && raw !== null && raw.length > 0;
  switch (tensor.dataType) {
    case ONNX_FLOAT: {
      if (hasRaw) {
        checkCount(raw.length, count * 4, `${what} (raw bytes)`, dims, site);
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        const data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
        return finite({ dims, dtype: 'float32', data }, what, site);
      }
      const values = tensor.floatData ?? [];
      checkCount(values.length, count, what, dims, site);
      return finite({ dims, dtype: 'float32', data: Float32Array.from(values) }, what, site);
    }
    case ONNX_INT64: {
      if (hasRaw) {
        checkCount(raw.length, count * 8, `${what} (raw bytes)`, dims, site);
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        const data = new Float64Array(count);
        for (let i = 0; i < count; i++) data[i] = Number(view.getBigInt64(i * 8, true));
        return { dims, dtype: 'int', data };
      }
      const values = tensor.int64Data ?? [];
      checkCount(values.length, count, what, dims, site);
      return { dims, dtype: 'int', data: Float64Array.from(values, (v) => int64ToNumber(v)) };
    }
    case ONNX_INT32: {
      if (hasRaw) {
        checkCount(raw.length, count * 4, `${what} (raw bytes)`, dims, site);
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        const data = new Float64Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getInt32(i * 4, true);
        return { dims, dtype: 'int', data };
      }
      const values = tensor.int32Data ?? [];
      checkCount(values.length, count, what, dims, site);
      return { dims, dtype: 'int', data: Float64Array.from(values) };
    }
    default:
      throw new OnnxImportError(
        'unsupported-dtype',
        `${what}: ${dtypeName(tensor.dataType)} tensors are not supported; weights must be FLOAT (float32), shape constants INT64 or INT32`,
        site,
      );
  }
}
