import type { RawNode } from './decode-onnx-model.js';
import { floatAttribute, intAttribute, intsAttribute, rawAttribute } from './onnx-attributes.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { Expr, TracedActivation, TracedValue } from './onnx-values.js';
import { type ConstTensor, readOnnxTensor } from './read-onnx-tensor.js';

/** The ONNX operators the importer maps, for messages. */
export const SUPPORTED_OPS: readonly string[] = [
  'Gemm',
  'MatMul',
  'Add',
  'Relu',
  'LeakyRelu',
  'Sigmoid',
  'Tanh',
  'Exp',
  'Flatten',
  'Reshape',
  'Split',
  'Slice',
  'Identity',
  'Constant',
  'Shape',
  'Gather',
  'Unsqueeze',
  'Squeeze',
  'Concat',
  'Cast',
  'Sub',
  'Mul',
  'Div',
];

type Op = (
  node: RawNode,
  inputs: (TracedValue | undefined)[],
  site: OnnxErrorSite,
) => TracedValue[];

const ACTIVATIONS: Record<string, TracedActivation> = {
  Relu: 'relu',
  LeakyRelu: 'leakyRelu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Exp: 'exp',
};

function structure(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, site);
}

function constOf(value: TracedValue | undefined, what: string, site: OnnxErrorSite): ConstTensor {
  if (value?.kind !== 'const') {
    throw structure(`${what} must be a constant (an initializer or a Constant node)`, site);
  }
  return value.tensor;
}

function actOf(value: TracedValue | undefined, what: string, site: OnnxErrorSite) {
  if (value?.kind !== 'act') throw structure(`${what} must be computed from the graph input`, site);
  return value;
}

/** A runtime value of shape [batch, n]: its width n. */
function flatWidth(value: { shape: number[] }, site: OnnxErrorSite): number {
  if (value.shape.length !== 1) {
    throw structure(
      `expects [batch, features], got [batch, ${value.shape.join(', ')}] (add a Flatten first)`,
      site,
    );
  }
  return value.shape[0]!;
}

function ints(values: Float32Array | Float64Array): number[] {
  return Array.from(values);
}

function intTensor(values: number[]): ConstTensor {
  return { dims: [values.length], dtype: 'int', data: Float64Array.from(values) };
}

/** A bias of `n` values from a constant broadcast along the features: [], [1], [n] or [1, n]. */
function biasOf(c: ConstTensor, n: number, scale: number, site: OnnxErrorSite): Float32Array {
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

const gemm: Op = (node, [a, b, c], site) => {
  if (intAttribute(node, 'transA', 0, site) !== 0) {
    throw new OnnxImportError(
      'unsupported-attribute',
      'transA = 1 is not supported (only transA = 0)',
      site,
    );
  }
  const transB = intAttribute(node, 'transB', 0, site);
  const alpha = floatAttribute(node, 'alpha', 1, site);
  const beta = floatAttribute(node, 'beta', 1, site);
  if (!Number.isFinite(alpha) || !Number.isFinite(beta)) {
    throw new OnnxImportError(
      'unsupported-attribute',
      `alpha ${alpha} and beta ${beta} must be finite`,
      site,
    );
  }
  const x = actOf(a, 'input A', site);
  const w = constOf(b, 'input B (the weight)', site);
  const n = flatWidth(x, site);
  if (w.dtype !== 'float32' || w.dims.length !== 2)
    throw structure('the weight must be a float32 matrix', site);
  const [rows, cols] = w.dims as [number, number];
  const [inF, outF] = transB ? [cols, rows] : [rows, cols];
  if (inF !== n) throw structure(`the weight takes ${inF} features but the input has ${n}`, site);
  const weight = new Float32Array(inF * outF);
  for (let i = 0; i < inF; i++) {
    for (let o = 0; o < outF; o++) {
      weight[i * outF + o] = alpha * w.data[transB ? o * inF + i : i * outF + o]!;
    }
  }
  const bias =
    c === undefined
      ? new Float32Array(outF)
      : biasOf(constOf(c, 'input C (the bias)', site), outF, beta, site);
  const label = site.node ?? '';
  const expr: Expr = {
    op: 'dense',
    src: x.expr,
    weight,
    bias,
    inFeatures: inF,
    outFeatures: outF,
    node: label,
    opType: 'Gemm',
  };
  return [{ kind: 'act', shape: [outF], expr }];
};

const matMul: Op = (_node, [a, b], site) => {
  const x = actOf(a, 'the first input', site);
  const w = constOf(b, 'the second input (the weight)', site);
  const n = flatWidth(x, site);
  if (w.dtype !== 'float32' || w.dims.length !== 2 || w.dims[0] !== n) {
    throw structure(
      `the weight must be a float32 [${n}, out] matrix, got [${w.dims.join(', ')}]`,
      site,
    );
  }
  const outF = w.dims[1]!;
  const expr: Expr = {
    op: 'dense',
    src: x.expr,
    weight: Float32Array.from(w.data),
    bias: null,
    inFeatures: n,
    outFeatures: outF,
    node: site.node ?? '',
    opType: 'MatMul',
  };
  return [{ kind: 'act', shape: [outF], expr }];
};

function foldBinary(op: string, a: ConstTensor, b: ConstTensor, site: OnnxErrorSite): ConstTensor {
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

const binary: Op = (node, [a, b], site) => {
  const op = node.opType ?? '';
  if (a?.kind === 'const' && b?.kind === 'const')
    return [{ kind: 'const', tensor: foldBinary(op, a.tensor, b.tensor, site) }];
  if (op !== 'Add')
    throw structure(`${op} is supported only on constants (shape arithmetic)`, site);
  const [x, c] = a?.kind === 'act' ? [a, b] : [b, a];
  const act = actOf(x, 'one input', site);
  const bias = constOf(c, 'the other input (the bias)', site);
  const expr = act.expr;
  if (expr.op !== 'dense' || expr.bias !== null) {
    throw structure('Add is supported only as the bias of a MatMul (MatMul + Add)', site);
  }
  const withBias: Expr = { ...expr, bias: biasOf(bias, expr.outFeatures, 1, site) };
  return [{ kind: 'act', shape: act.shape, expr: withBias }];
};

const activation: Op = (node, [a], site) => {
  const x = actOf(a, 'the input', site);
  const kind = ACTIVATIONS[node.opType ?? '']!;
  const negativeSlope = kind === 'leakyRelu' ? floatAttribute(node, 'alpha', 0.01, site) : 0;
  const expr: Expr = {
    op: 'act',
    src: x.expr,
    activation: kind,
    negativeSlope,
    node: site.node ?? '',
    opType: node.opType ?? '',
  };
  return [{ kind: 'act', shape: x.shape, expr }];
};

const flatten: Op = (node, [a], site) => {
  const x = actOf(a, 'the input', site);
  const axis = intAttribute(node, 'axis', 1, site);
  if (axis !== 1 && axis !== -x.shape.length) {
    throw new OnnxImportError(
      'dynamic-shape',
      `Flatten axis ${axis} would fold the batch axis; only axis 1 is supported`,
      site,
    );
  }
  return [{ kind: 'act', shape: [x.shape.reduce((p, d) => p * d, 1)], expr: x.expr }];
};

const reshape: Op = (_node, [a, s], site) => {
  const x = actOf(a, 'the data', site);
  const target = ints(constOf(s, 'the shape', site).data);
  const size = x.shape.reduce((p, d) => p * d, 1);
  const batchKept =
    target[0] !== undefined && (Number.isNaN(target[0]) || target[0] === 0 || target[0] === -1);
  const rest = target.slice(1);
  if (!batchKept || rest.some((d) => Number.isNaN(d))) {
    throw new OnnxImportError(
      'dynamic-shape',
      `Reshape to [${target.join(', ')}] must keep the batch as its first dimension and fix the others`,
      site,
    );
  }
  const inferred = rest.map((d) =>
    d === -1 && target[0] !== -1
      ? size /
        Math.max(
          1,
          rest.filter((e) => e !== -1).reduce((p, e) => p * e, 1),
        )
      : d,
  );
  if (
    inferred.some((d) => !Number.isInteger(d) || d < 1) ||
    inferred.reduce((p, d) => p * d, 1) !== size
  ) {
    throw structure(
      `Reshape of ${size} features per example to [${target.join(', ')}] is not supported`,
      site,
    );
  }
  return [{ kind: 'act', shape: inferred, expr: x.expr }];
};

function slices(
  x: { shape: number[]; expr: Expr },
  bounds: [number, number][],
  site: OnnxErrorSite,
): TracedValue[] {
  return bounds.map(([start, end]) => ({
    kind: 'act' as const,
    shape: [end - start],
    expr: { op: 'slice' as const, src: x.expr, start, end, node: site.node ?? '', opType: 'Slice' },
  }));
}

function featureAxis(axis: number, site: OnnxErrorSite): void {
  if (axis !== 1 && axis !== -1) {
    throw new OnnxImportError(
      'dynamic-shape',
      `only the feature axis (1) can be sliced or split, not axis ${axis}`,
      site,
    );
  }
}

const slice: Op = (node, [a, starts, ends, axes, steps], site) => {
  const x = actOf(a, 'the data', site);
  const n = flatWidth(x, site);
  const read = (v: TracedValue | undefined, attr: string) =>
    v === undefined ? intsAttribute(node, attr, site) : ints(constOf(v, attr, site).data);
  const s = read(starts, 'starts') ?? [];
  const e = read(ends, 'ends') ?? [];
  const ax = read(axes, 'axes') ?? [1];
  const st = read(steps, 'steps') ?? [1];
  if (s.length !== 1 || e.length !== 1 || ax.length !== 1 || st.length !== 1 || st[0] !== 1) {
    throw structure('Slice must cut one axis with step 1', site);
  }
  featureAxis(ax[0]!, site);
  if (Number.isNaN(s[0]) || Number.isNaN(e[0])) {
    throw new OnnxImportError('dynamic-shape', 'the slice bounds depend on the batch size', site);
  }
  const clamp = (v: number) => Math.min(n, Math.max(0, v < 0 ? v + n : v));
  const start = clamp(s[0]!);
  const end = clamp(e[0]!);
  if (end <= start) throw structure(`the slice [${start}, ${end}) is empty`, site);
  return slices(x, [[start, end]], site);
};

const split: Op = (node, [a, sizes], site) => {
  const x = actOf(a, 'the data', site);
  const n = flatWidth(x, site);
  featureAxis(intAttribute(node, 'axis', 0, site), site);
  const outputs = (node.output ?? []).length;
  const given =
    sizes === undefined
      ? intsAttribute(node, 'split', site)
      : ints(constOf(sizes, 'split', site).data);
  const parts = given ?? Array.from({ length: outputs }, () => n / outputs);
  if (
    parts.length !== outputs ||
    parts.some((p) => !Number.isInteger(p) || p < 1) ||
    parts.reduce((p, q) => p + q, 0) !== n
  ) {
    throw structure(`cannot split ${n} features into [${parts.join(', ')}]`, site);
  }
  let start = 0;
  return slices(
    x,
    parts.map((p) => {
      start += p;
      return [start - p, start] as [number, number];
    }),
    site,
  );
};

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

/** Handlers by operator. */
export const NODE_OPS: Readonly<Record<string, Op>> = {
  Gemm: gemm,
  MatMul: matMul,
  Add: binary,
  Sub: binary,
  Mul: binary,
  Div: binary,
  Relu: activation,
  LeakyRelu: activation,
  Sigmoid: activation,
  Tanh: activation,
  Exp: activation,
  Flatten: flatten,
  Reshape: reshape,
  Slice: slice,
  Split: split,
  Constant: constant,
  Shape: shape,
  Gather: gather,
  Unsqueeze: passConst,
  Squeeze: passConst,
  Cast: passConst,
  Identity: passConst,
  Concat: concat,
};
