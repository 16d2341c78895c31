import type { FloatActivation } from '@latentkit/quantize';
import { type DenseStep, denseRun, permuteRows } from './dense-chain.js';
import { samePads } from './export-layers.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import type { ConvExpr, Expr } from './onnx-values.js';

// The convolutional parts of PyTorch encoders and decoders, checked against what latentkit's conv
// architecture computes (packages/models/src/architecture): convolutions with TensorFlow's
// 'same' padding, one square kernel and one stride per network, and transposed convolutions with
// 'same' padding (output = input · stride).

/** One convolution stage: `activation(conv(x))`. */
export interface ConvStage {
  /** The convolution. */
  conv: ConvExpr;
  /** Its activation (`'linear'` when none follows). */
  activation: FloatActivation;
  /** LeakyReLU's slope (0 otherwise). */
  negativeSlope: number;
  /** The node of the convolution. */
  node: string;
  /** The node of the activation, if there is one. */
  activationNode?: string;
  /** The operator of that node. */
  activationOp?: string;
}

/** A conv encoder trunk read from a graph: the convolutions from the input to the flatten. */
export interface ConvEncoderTrunk {
  /** The convolutions, input side first (at least one). */
  stages: ConvStage[];
  /** The last feature map `[C, H, W]` (PyTorch's order), flattened before the dense layers. */
  map: [number, number, number];
}

/** A conv decoder read from a graph. */
export interface ConvDecoderParts {
  /** Dense layers from z before the projection (each with its activation). */
  hidden: DenseStep[];
  /** The dense projection reshaped into the first feature map (with its activation). */
  proj: DenseStep;
  /** That feature map `[C, h, w]`. */
  map: [number, number, number];
  /** The transposed convolutions, the last without activation. */
  stages: ConvStage[];
  /** Whether the output is `Sigmoid` of the last stage (Bernoulli means). */
  sigmoid: boolean;
  /** What the dense layers start from (the graph input, or a `Concat`). */
  base: Expr;
}

function structure(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-structure', message, site);
}

/** A geometry (kernel, stride, pads, output padding) latentkit's conv layers cannot hold. */
function attribute(message: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError('unsupported-attribute', message, site);
}

function siteOf(e: Expr, graph: string): OnnxErrorSite {
  return e.op === 'input' ? { graph } : { graph, node: e.node, op: e.opType };
}

/** The convolutions below `expr` (each optionally followed by one activation), input side first. */
function convStages(expr: Expr): { stages: ConvStage[]; base: Expr } {
  const stages: ConvStage[] = [];
  let e = expr;
  for (;;) {
    if (e.op === 'act' && e.src.op === 'conv' && e.activation !== 'exp') {
      const conv = e.src;
      stages.push({
        conv,
        activation: e.activation,
        negativeSlope: e.negativeSlope,
        node: conv.node,
        activationNode: e.node,
        activationOp: e.opType,
      });
      e = conv.src;
    } else if (e.op === 'conv') {
      stages.push({ conv: e, activation: 'linear', negativeSlope: 0, node: e.node });
      e = e.src;
    } else {
      break;
    }
  }
  return { stages: stages.reverse(), base: e };
}

/** What latentkit's conv spec can hold: one square kernel and one stride for every stage. */
function sharedGeometry(stages: ConvStage[], graph: string): { kernel: number; stride: number } {
  const first = stages[0]!.conv;
  for (const { conv } of stages) {
    const site = { graph, node: conv.node, op: conv.opType };
    const [kh, kw] = conv.kernel;
    const [sh, sw] = conv.strides;
    if (kh !== kw || sh !== sw) {
      throw attribute(
        `a ${kh}×${kw} kernel with strides [${sh}, ${sw}] is not supported; latentkit's conv layers use square kernels and equal strides`,
        site,
      );
    }
    if (kh !== first.kernel[0] || sh !== first.strides[0]) {
      throw attribute(
        `every ${first.opType} of a latentkit network shares one kernel size and stride; this node has kernel ${kh}, stride ${sh}, the first has kernel ${first.kernel[0]}, stride ${first.strides[0]}`,
        site,
      );
    }
    if (kh > 64 || sh > 64) {
      throw attribute(`kernel ${kh} or stride ${sh} is above latentkit's limit of 64`, site);
    }
  }
  return { kernel: first.kernel[0], stride: first.strides[0] };
}

/**
 * Checks that a `Conv` computes what a latentkit `conv2d` with padding `'same'` does: output
 * ⌈n / s⌉ per axis and ⌊total / 2⌋ zero rows (columns) before, the rest after (TensorFlow's rule:
 * an odd total puts the extra one at the bottom / right, which PyTorch's symmetric `padding`
 * cannot for an even input, odd kernel and stride 2).
 */
function checkSamePadding(conv: ConvExpr, graph: string): void {
  for (const axis of [0, 1] as const) {
    const n = conv.inShape[axis + 1]!;
    const out = conv.outShape[axis + 1]!;
    const k = conv.kernel[axis];
    const s = conv.strides[axis];
    const before = conv.pads[axis];
    const want = Math.ceil(n / s);
    const [wantBefore, wantAfter] = samePads(n, k, s);
    if (out !== want || before !== wantBefore) {
      throw attribute(
        `pads [${conv.pads.join(', ')}] (kernel ${k}, stride ${s}, input ${conv.inShape[1]}×${conv.inShape[2]}) are not TensorFlow's 'same' padding that latentkit's conv layers use: it needs output ${want} and ${wantBefore} row(s)/column(s) of padding before (${wantAfter} after), got output ${out} and ${before} before`,
        { graph, node: conv.node, op: conv.opType },
      );
    }
  }
}

/**
 * Checks that a `ConvTranspose` computes what a latentkit `conv2dTranspose` with padding
 * `'same'` does: output n·s per axis, with ⌊max(k − s, 0) / 2⌋ rows (columns) cropped before.
 */
function checkSameTransposePadding(conv: ConvExpr, graph: string): void {
  for (const axis of [0, 1] as const) {
    const n = conv.inShape[axis + 1]!;
    const out = conv.outShape[axis + 1]!;
    const k = conv.kernel[axis];
    const s = conv.strides[axis];
    const before = conv.pads[axis];
    const wantBefore = Math.floor(Math.max(k - s, 0) / 2);
    if (out !== n * s || before !== wantBefore) {
      throw attribute(
        `pads [${conv.pads.join(', ')}] and output_padding [${conv.outputPadding.join(', ')}] (kernel ${k}, stride ${s}) are not supported: latentkit's transposed convolutions ('same' padding) map n to n·${s} and crop ⌊max(k − s, 0) / 2⌋ = ${wantBefore} row(s)/column(s) before, but this node maps ${n} to ${out} and crops ${before}`,
        { graph, node: conv.node, op: conv.opType },
      );
    }
  }
}

/** An activation node on top of `e` (if any) and the expression under it. */
function peelActivation(e: Expr): { act: Extract<Expr, { op: 'act' }> | undefined; inner: Expr } {
  return e.op === 'act' ? { act: e, inner: e.src } : { act: undefined, inner: e };
}

/**
 * Reads the convolutions of an encoder from the expression its first dense layer starts from:
 * `Flatten` / `Reshape` of a feature map (an activation may sit on either side of it) over
 * `Conv` stages from the graph input `[C, H, W]`.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for another structure or a geometry
 *   latentkit's conv layers cannot reproduce.
 */
export function readConvEncoder(base: Expr, graph: string): ConvEncoderTrunk {
  const { act: flatAct, inner: e } = peelActivation(base);
  if (e.op !== 'reshape' || e.from.length !== 3 || e.to.length !== 1) {
    throw structure(
      'a conv encoder flattens its last feature map [C, H, W] into the dense layers (Flatten, or Reshape to [batch, C·H·W])',
      siteOf(e, graph),
    );
  }
  const { stages, base: input } = convStages(e.src);
  if (stages.length === 0) {
    throw structure('expected a Conv before the Flatten', siteOf(e.src, graph));
  }
  if (input.op !== 'input') {
    throw structure(
      'a conv encoder is Conv stages from the graph input [C, H, W], each optionally followed by an activation',
      siteOf(input, graph),
    );
  }
  const last = stages.at(-1)!;
  if (flatAct !== undefined) {
    if (last.activation !== 'linear' || flatAct.activation === 'exp') {
      throw structure('two activations in a row', {
        graph,
        node: flatAct.node,
        op: flatAct.opType,
      });
    }
    last.activation = flatAct.activation;
    last.negativeSlope = flatAct.negativeSlope;
    last.activationNode = flatAct.node;
    last.activationOp = flatAct.opType;
  }
  for (const stage of stages) {
    if (stage.conv.transpose) {
      throw structure('an encoder uses Conv, not ConvTranspose', {
        graph,
        node: stage.node,
        op: stage.conv.opType,
      });
    }
    checkSamePadding(stage.conv, graph);
  }
  sharedGeometry(stages, graph);
  return { stages, map: [...last.conv.outShape] };
}

/**
 * Reads a conv decoder from its output expression: optional `Sigmoid` over `ConvTranspose`
 * stages (each but the last followed by an activation) over a `Reshape` of a dense projection
 * (with an activation on either side of the reshape) over dense layers.
 *
 * @throws {@link OnnxImportError} `'unsupported-structure'` for another structure or a geometry
 *   latentkit's transposed convolutions cannot reproduce.
 */
export function readConvDecoder(output: Expr, graph: string): ConvDecoderParts {
  let top = output;
  const sigmoid = top.op === 'act' && top.activation === 'sigmoid' && top.src.op === 'conv';
  if (top.op === 'act' && sigmoid) top = top.src;
  const { stages, base } = convStages(top);
  const last = stages.at(-1);
  if (last === undefined || last.activation !== 'linear') {
    throw structure(
      'the decoder output must be a ConvTranspose without activation, optionally followed by Sigmoid',
      last === undefined
        ? siteOf(top, graph)
        : { graph, node: last.activationNode, op: last.activationOp },
    );
  }
  for (const stage of stages) {
    if (!stage.conv.transpose) {
      throw structure('a conv decoder upsamples with ConvTranspose (Conv is not supported there)', {
        graph,
        node: stage.node,
        op: stage.conv.opType,
      });
    }
    checkSameTransposePadding(stage.conv, graph);
  }
  const { stride } = sharedGeometry(stages, graph);
  if (stride < 2) {
    throw attribute(
      "ConvTranspose with stride 1 is not supported; latentkit's decoder stages upsample with stride ≥ 2",
      { graph, node: stages[0]!.node, op: stages[0]!.conv.opType },
    );
  }
  const { act: mapAct, inner: e } = peelActivation(base);
  if (e.op !== 'reshape' || e.from.length !== 1 || e.to.length !== 3) {
    throw structure(
      'a conv decoder reshapes a dense projection into its first feature map (Reshape to [batch, C, h, w]) before the ConvTranspose stages',
      siteOf(e, graph),
    );
  }
  const { steps, base: start } = denseRun(e.src, graph);
  const proj = steps.at(-1);
  if (proj === undefined) {
    throw structure('expected a dense projection before the Reshape', siteOf(e.src, graph));
  }
  if (mapAct !== undefined) {
    if (proj.activation !== 'linear' || mapAct.activation === 'exp') {
      throw structure('two activations in a row', { graph, node: mapAct.node, op: mapAct.opType });
    }
    proj.activation = mapAct.activation;
    proj.negativeSlope = mapAct.negativeSlope;
    proj.activationNode = mapAct.node;
  }
  return {
    hidden: steps.slice(0, -1),
    proj,
    map: e.to as [number, number, number],
    stages,
    sigmoid,
    base: start,
  };
}

/**
 * The rows of a dense step that reads a flattened `[C, H, W]` map (PyTorch's order) reordered
 * for a flattened `[H, W, C]` map (latentkit's NHWC order).
 */
export function hwcRows(step: DenseStep, map: [number, number, number]): DenseStep {
  const [c, h, w] = map;
  const order = new Array<number>(c * h * w);
  for (let ch = 0; ch < c; ch++) {
    for (let p = 0; p < h * w; p++) order[p * c + ch] = ch * h * w + p;
  }
  return permuteRows(step, order);
}

/**
 * The columns (and bias) of a dense step whose output PyTorch reshapes to `[C, h, w]`, reordered
 * so that latentkit's reshape to `[h, w, C]` sees the same feature map.
 */
export function hwcColumns(step: DenseStep, map: [number, number, number]): DenseStep {
  const [c, h, w] = map;
  const out = step.outFeatures;
  const weight = new Float32Array(step.weight.length);
  const bias = new Float32Array(out);
  for (let ch = 0; ch < c; ch++) {
    for (let p = 0; p < h * w; p++) {
      const from = ch * h * w + p;
      const to = p * c + ch;
      bias[to] = step.bias[from]!;
      for (let i = 0; i < step.inFeatures; i++) weight[i * out + to] = step.weight[i * out + from]!;
    }
  }
  return { ...step, weight, bias };
}
