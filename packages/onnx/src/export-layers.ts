import type { TensorRecord } from '@latentkit/core';
import { OnnxExportError } from './onnx-export-error.js';
import type { AttributeValue, OnnxGraphWriter } from './onnx-graph-writer.js';

/** latentkit's LeakyReLU slope (PyTorch's default), used by every model `createModel` builds. */
const LEAKY_SLOPE = 0.01;

/** Each latentkit activation name and its standard ONNX operator (`linear`: no node). */
const ACTIVATION_OPS: Record<string, { op: string; attributes?: Record<string, AttributeValue> }> =
  {
    relu: { op: 'Relu' },
    leakyRelu: { op: 'LeakyRelu', attributes: { alpha: { float: LEAKY_SLOPE } } },
    elu: { op: 'Elu', attributes: { alpha: { float: 1 } } },
    tanh: { op: 'Tanh' },
    sigmoid: { op: 'Sigmoid' },
    softplus: { op: 'Softplus' },
  };

/** Checks that an activation name has an ONNX operator (or is `'linear'`). */
export function checkActivation(name: string, where: string): void {
  if (name !== 'linear' && !Object.hasOwn(ACTIVATION_OPS, name)) {
    throw new OnnxExportError(
      'unsupported-activation',
      `${where} activation '${name}'`,
      `no ONNX operator is mapped; exportable: ${[...Object.keys(ACTIVATION_OPS), 'linear'].join(', ')}`,
    );
  }
}

/** The writer and the model's parameters, shared by every layer of one graph. */
export interface LayerContext {
  writer: OnnxGraphWriter;
  record: Record<string, TensorRecord>;
}

/**
 * A parameter's values, checked against the shape the config implies.
 *
 * @throws {@link OnnxExportError} `'missing-parameter'` when absent or of another shape.
 */
export function param(ctx: LayerContext, name: string, shape: readonly number[]): Float32Array {
  const t = ctx.record[name];
  if (t === undefined) {
    throw new OnnxExportError('missing-parameter', name, 'is not in the model store');
  }
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new OnnxExportError(
      'missing-parameter',
      name,
      `has shape [${t.shape.join(', ')}], the config implies [${shape.join(', ')}]`,
    );
  }
  return t.data;
}

/** `activation(input)` as one node named `<name>.<activation>`; the input itself for linear. */
export function activate(
  ctx: LayerContext,
  name: string,
  input: string,
  activation: string,
  output?: string,
): string {
  if (activation === 'linear') return input;
  checkActivation(activation, name);
  const { op, attributes } = ACTIVATION_OPS[activation]!;
  return ctx.writer.node(op, `${name}.${activation}`, [input], attributes, output);
}

/**
 * A row permutation for a dense layer after a flattened feature map: ONNX's NCHW `Flatten` puts
 * element (c, h, w) at c·H·W + h·W + w, latentkit's NHWC one at (h·W + w)·C + c. Returns, for
 * each ONNX row, the latentkit row.
 */
export function nchwFromNhwc(h: number, w: number, c: number): number[] {
  const order: number[] = [];
  for (let ci = 0; ci < c; ci++) {
    for (let hi = 0; hi < h; hi++) {
      for (let wi = 0; wi < w; wi++) order.push((hi * w + wi) * c + ci);
    }
  }
  return order;
}

/** Options of {@link dense}. */
export interface DenseExport {
  /** ONNX row i takes latentkit row `rows[i]` (length may be shorter than inFeatures: the rest keep their place). */
  rows?: readonly number[];
  /** ONNX column j takes latentkit column `cols[j]`. */
  cols?: readonly number[];
  /** Name of the final output (default: the node's name). */
  output?: string;
}

/**
 * `activation(input · W + b)` as `Gemm` (`transB = 0`: W is latentkit's `[in, out]`) and an
 * activation node; W's rows / columns optionally permuted (NHWC ↔ NCHW flattening).
 */
export function dense(
  ctx: LayerContext,
  name: string,
  input: string,
  inOut: [number, number],
  activation: string,
  spec: DenseExport = {},
): string {
  const [inF, outF] = inOut;
  let weight = param(ctx, `${name}.weight`, inOut);
  let bias = param(ctx, `${name}.bias`, [outF]);
  if (spec.rows !== undefined || spec.cols !== undefined) {
    const rows = spec.rows ?? [];
    const cols = spec.cols;
    const src = weight;
    weight = new Float32Array(inF * outF);
    for (let i = 0; i < inF; i++) {
      const from = i < rows.length ? rows[i]! : i;
      for (let j = 0; j < outF; j++) {
        weight[i * outF + j] = src[from * outF + (cols === undefined ? j : cols[j]!)]!;
      }
    }
    if (cols !== undefined) bias = Float32Array.from(cols, (j) => bias[j]!);
  }
  const w = ctx.writer.float(`${name}.weight`, inOut, weight);
  const b = ctx.writer.float(`${name}.bias`, [outF], bias);
  const linear = activation === 'linear';
  const gemm = ctx.writer.node('Gemm', name, [input, w, b], {}, linear ? spec.output : undefined);
  return linear ? gemm : activate(ctx, name, gemm, activation, spec.output);
}

/**
 * Padding of TensorFlow's / latentkit's `'same'` rule along one axis for a convolution from
 * `n` to ⌈n / s⌉: `[begin, end]`, the odd row at the end.
 */
export function samePads(n: number, k: number, s: number): [number, number] {
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/**
 * A convolution filter `[kh, kw, a, b]` (latentkit/tfjs) permuted to ONNX's `[b, a, kh, kw]`:
 * `Conv`'s `[cout, cin, kh, kw]` from conv2d's `[kh, kw, cin, cout]`, `ConvTranspose`'s
 * `[cin, cout, kh, kw]` from conv2dTranspose's `[kh, kw, cout, cin]`.
 */
export function filterToOnnx(
  data: Float32Array,
  kh: number,
  kw: number,
  a: number,
  b: number,
): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < a; i++) {
        for (let o = 0; o < b; o++) {
          out[((o * a + i) * kh + y) * kw + x] = data[((y * kw + x) * a + i) * b + o]!;
        }
      }
    }
  }
  return out;
}
