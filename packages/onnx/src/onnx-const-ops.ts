import { intAttribute, intsAttribute, rawAttribute } from './onnx-attributes.js';
import type { OnnxErrorSite } from './onnx-import-error.js';
import { actOf, constOf, ints, intTensor, type Op, structure } from './onnx-op-helpers.js';
import type { ConstTensor } from './read-onnx-tensor.js';
import { readOnnxTensor } from './read-onnx-tensor.js';

// Constant folding: the shape arithmetic PyTorch emits around reshapes and chunked heads
// (Shape → Gather → Add/Div/Mul → Slice bounds). NaN stands for the unknown batch size, so a
// value derived from it stays NaN and is refused where it would matter.

/** Add, Sub, Mul or Div (integer division truncates) of two constants, broadcasting scalars. */
export function foldBinary(
  op: string,
  a: ConstTensor,
  b: ConstTensor,
  site: OnnxErrorSite,
): ConstTensor {
  const n = Math.max(a.data.length, b.data.length);
  if (
    (a.data.length !== n && a.data.length !== 1) ||
    (b.data.length !== n && b.data.length !== 1)
  ) {
    throw structure(`${op} of constants needs equal sizes or a scalar`, site);
  }
  const isInt = a.dtype === 'int' && b.dtype === 'int';
  const out = isInt ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = a.data[a.data.length === 1 ? 0 : i]!;
    const y = b.data[b.data.length === 1 ? 0 : i]!;
    let r = op === 'Add' ? x + y : op === 'Sub' ? x - y : op === 'Mul' ? x * y : x / y;
    if (isInt && op === 'Div') r = Math.trunc(r);
    out[i] = r;
  }
  return {
    dims: a.data.length >= b.data.length ? a.dims : b.dims,
    dtype: isInt ? 'int' : 'float32',
    data: out,
  };
}

const constant: Op = (node, _inputs, site) => {
  const value = rawAttribute(node, 'value');
  if (value?.t) return [{ kind: 'const', tensor: readOnnxTensor(value.t, 'value', site) }];
  const f = rawAttribute(node, 'value_float') ?? rawAttribute(node, 'value_floats');
  if (f)
    return [
      {
        kind: 'const',
        tensor: {
          dims: f.floats?.length ? [f.floats.length] : [],
          dtype: 'float32',
          data: Float32Array.from(f.floats?.length ? f.floats : [f.f ?? 0]),
        },
      },
    ];
  const i = intsAttribute(node, 'value_ints', site) ?? [
    intAttribute(node, 'value_int', Number.NaN, site),
  ];
  if (i.some((v) => Number.isNaN(v)))
    throw structure('Constant needs a value, value_float(s) or value_int(s)', site);
  return [{ kind: 'const', tensor: intTensor(i) }];
};

const shape: Op = (node, [a], site) => {
  const x = actOf(a, 'the input', site);
  const full = [Number.NaN, ...x.shape];
  const start = intAttribute(node, 'start', 0, site);
  const end = intAttribute(node, 'end', full.length, site);
  return [{ kind: 'const', tensor: intTensor(full.slice(start, end)) }];
};

const gather: Op = (node, [a, b], site) => {
  const data = constOf(a, 'the data', site);
  const index = constOf(b, 'the indices', site);
  if (intAttribute(node, 'axis', 0, site) !== 0 || data.dims.length > 1)
    throw structure('Gather is supported on 1-D constants only', site);
  const n = data.data.length;
  const picked = ints(index.data).map((i) => {
    const k = i < 0 ? i + n : i;
    if (!Number.isInteger(k) || k < 0 || k >= n)
      throw structure(`Gather index ${i} is outside [0, ${n})`, site);
    return data.data[k]!;
  });
  return [
    {
      kind: 'const',
      tensor: {
        dims: index.dims,
        dtype: data.dtype,
        data: data.dtype === 'int' ? Float64Array.from(picked) : Float32Array.from(picked),
      },
    },
  ];
};

/** Unsqueeze / Squeeze / Cast / Identity of a constant: the values unchanged, as a 1-D list. */
const passConst: Op = (node, [a], site) => {
  if (a?.kind === 'act' && node.opType === 'Identity') return [a];
  const c = constOf(a, 'the input', site);
  return [{ kind: 'const', tensor: { ...c, dims: [c.data.length] } }];
};

const concat: Op = (_node, inputs, site) => {
  const parts = inputs.map((v) => constOf(v, 'every input', site));
  return [{ kind: 'const', tensor: intTensor(parts.flatMap((p) => ints(p.data))) }];
};

/** Handlers of the operators that only compute constants. */
export const CONST_OPS: Readonly<Record<string, Op>> = {
  Constant: constant,
  Shape: shape,
  Gather: gather,
  Unsqueeze: passConst,
  Squeeze: passConst,
  Cast: passConst,
  Identity: passConst,
  Concat: concat,
};
