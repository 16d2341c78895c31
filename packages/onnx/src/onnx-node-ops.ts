import { floatAttribute, intAttribute, intsAttribute } from './onnx-attributes.js';
import { CONST_OPS, foldBinary } from './onnx-const-ops.js';
import { CONV_OPS } from './onnx-conv-ops.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import { actOf, biasOf, constOf, flatWidth, ints, type Op, structure } from './onnx-op-helpers.js';
import type { Expr, TracedActivation, TracedValue } from './onnx-values.js';

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
  'Conv',
  'ConvTranspose',
];

const ACTIVATIONS: Record<string, TracedActivation> = {
  Relu: 'relu',
  LeakyRelu: 'leakyRelu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Exp: 'exp',
};

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
  return [reshaped(x, [x.shape.reduce((p, d) => p * d, 1)], node.opType ?? '', site)];
};

/**
 * A value given a new per-example shape. A reshape that changes the shape becomes a `reshape`
 * expression (two in a row merge into one; one back to the original shape disappears), so that
 * a flatten of a feature map, or a dense layer reshaped into one, stays visible.
 */
function reshaped(
  x: { shape: number[]; expr: Expr },
  to: number[],
  opType: string,
  site: OnnxErrorSite,
): TracedValue {
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  if (same(x.shape, to)) return { kind: 'act', shape: to, expr: x.expr };
  const [src, from] = x.expr.op === 'reshape' ? [x.expr.src, x.expr.from] : [x.expr, x.shape];
  if (same(from, to)) return { kind: 'act', shape: to, expr: src };
  return {
    kind: 'act',
    shape: to,
    expr: { op: 'reshape', src, from: [...from], to: [...to], node: site.node ?? '', opType },
  };
}

const reshape: Op = (node, [a, s], site) => {
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
  return [reshaped(x, inferred, node.opType ?? '', site)];
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

/**
 * `Concat` of runtime values along the features (a CVAE's `cat([x, y], 1)`), or of constants
 * (shape arithmetic).
 */
const concat: Op = (node, inputs, site) => {
  if (inputs.every((v) => v?.kind === 'const')) return CONST_OPS.Concat!(node, inputs, site);
  const axis = intAttribute(node, 'axis', Number.NaN, site);
  const parts = inputs.map((v, i) => {
    const x = actOf(v, `input ${i} (a Concat of runtime values takes no constants)`, site);
    return { expr: x.expr, width: flatWidth(x, site) };
  });
  if (axis !== 1 && axis !== -1) {
    throw structure(
      `Concat of runtime values is supported along the features (axis 1) only, not axis ${axis}`,
      site,
    );
  }
  const width = parts.reduce((p, q) => p + q.width, 0);
  return [
    {
      kind: 'act',
      shape: [width],
      expr: { op: 'concat', parts, node: site.node ?? '', opType: node.opType ?? '' },
    },
  ];
};

/** Handlers by operator. */
export const NODE_OPS: Readonly<Record<string, Op>> = {
  ...CONST_OPS,
  ...CONV_OPS,
  Concat: concat,
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
};
