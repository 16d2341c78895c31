import type { RawNode } from './decode-onnx-model.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { TracedValue } from './onnx-values.js';
import type { ConstTensor } from './read-onnx-tensor.js';

/** A node handler: the traced values of its inputs in, the traced values of its outputs out. */
export type Op = (
  node: RawNode,
  inputs: (TracedValue | undefined)[],
  site: OnnxErrorSite,
) => TracedValue[];

/** An `unsupported-structure` error at `site`. */
export function structure(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, site);
}

/** The constant behind an input, or an `unsupported-structure` error saying it must be one. */
export function constOf(
  value: TracedValue | undefined,
  what: string,
  site: OnnxErrorSite,
): ConstTensor {
  if (value?.kind !== 'const') {
    throw structure(`${what} must be a constant (an initializer or a Constant node)`, site);
  }
  return value.tensor;
}

/** The runtime value behind an input, or an `unsupported-structure` error. */
export function actOf(value: TracedValue | undefined, what: string, site: OnnxErrorSite) {
  if (value?.kind !== 'act') throw structure(`${what} must be computed from the graph input`, site);
  return value;
}

/** A runtime value of shape [batch, n]: its width n. */
export function flatWidth(value: { shape: number[] }, site: OnnxErrorSite): number {
  if (value.shape.length !== 1) {
    throw structure(
      `expects [batch, features], got [batch, ${value.shape.join(', ')}] (add a Flatten first)`,
      site,
    );
  }
  return value.shape[0]!;
}

/** The values of a constant as plain numbers. */
export function ints(values: Float32Array | Float64Array): number[] {
  return Array.from(values);
}

/** A 1-D integer constant. */
export function intTensor(values: number[]): ConstTensor {
  return { dims: [values.length], dtype: 'int', data: Float64Array.from(values) };
}

/** A bias of `n` values from a constant broadcast along the features: [], [1], [n] or [1, n]. */
export function biasOf(
  c: ConstTensor,
  n: number,
  scale: number,
  site: OnnxErrorSite,
): Float32Array {
  const size = c.data.length;
  const okDims = c.dims.length <= 1 || (c.dims.length === 2 && c.dims[0] === 1);
  if (c.dtype !== 'float32' || !okDims || (size !== 1 && size !== n)) {
    throw structure(
      `the bias must be float32 of shape [${n}] or [1, ${n}], got [${c.dims.join(', ')}]`,
      site,
    );
  }
  const bias = new Float32Array(n);
  for (let j = 0; j < n; j++) bias[j] = scale * c.data[size === 1 ? 0 : j]!;
  return bias;
}
