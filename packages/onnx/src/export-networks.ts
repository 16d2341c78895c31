import type { ResolvedModelConfig, ResolvedSpec } from '@latentkit/models';
import {
  activate,
  dense,
  filterToOnnx,
  type LayerContext,
  nchwFromNhwc,
  param,
  samePads,
} from './export-layers.js';
import type { GraphValue } from './onnx-graph-writer.js';

/** The graph inputs and outputs a network wrote. */
export interface NetworkIo {
  inputs: GraphValue[];
  outputs: GraphValue[];
}

type ConvResolved = Extract<ResolvedSpec, { type: 'conv' }>;

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** The input `x` of an encoder: `[N, ...inputShape]` (MLP) or `[N, C, H, W]` (conv). */
function encoderInput(cfg: ResolvedModelConfig): GraphValue {
  if (cfg.encoder.type === 'conv') {
    const [h, w, c] = cfg.inputShape as [number, number, number];
    return { name: 'x', shape: ['N', c, h, w] };
  }
  return { name: 'x', shape: ['N', ...cfg.inputShape] };
}

/** The conv stages of an encoder; returns the flattened NCHW output and the feature map shape. */
function convTrunk(
  ctx: LayerContext,
  spec: ConvResolved,
  inputShape: number[],
): { out: string; map: [number, number, number] } {
  let [h, w, c] = inputShape as [number, number, number];
  let x = 'x';
  for (const [i, cout] of spec.channels.entries()) {
    const name = `encoder.conv${i + 1}`;
    const k = spec.kernel;
    const s = spec.stride;
    const filter = param(ctx, `${name}.weight`, [k, k, c, cout]);
    const weight = ctx.writer.float(
      `${name}.weight`,
      [cout, c, k, k],
      filterToOnnx(filter, k, k, c, cout),
    );
    const bias = ctx.writer.float(`${name}.bias`, [cout], param(ctx, `${name}.bias`, [cout]));
    const [ph0, ph1] = samePads(h, k, s);
    const [pw0, pw1] = samePads(w, k, s);
    const conv = ctx.writer.node('Conv', name, [x, weight, bias], {
      kernel_shape: { ints: [k, k] },
      strides: { ints: [s, s] },
      pads: { ints: [ph0, pw0, ph1, pw1] },
    });
    x = activate(ctx, name, conv, spec.activation);
    h = Math.ceil(h / s);
    w = Math.ceil(w / s);
    c = cout;
  }
  return {
    out: ctx.writer.node('Flatten', 'encoder.flatten', [x], { axis: { int: 1 } }),
    map: [h, w, c],
  };
}

/**
 * Writes the encoder graph: `x` (and `y` for a CVAE) → `mu`, `logvar` (VAE, CVAE) or `z` (AE).
 *
 * @internal
 */
export function writeEncoder(ctx: LayerContext, cfg: ResolvedModelConfig): NetworkIo {
  const spec = cfg.encoder;
  const inputs = [encoderInput(cfg)];
  let h = 'x';
  let features = size(cfg.inputShape);
  let rows: number[] | undefined;
  if (spec.type === 'conv') {
    const trunk = convTrunk(ctx, spec, cfg.inputShape);
    h = trunk.out;
    features = size(trunk.map);
    rows = nchwFromNhwc(...trunk.map);
  } else if (cfg.inputShape.length > 1) {
    h = ctx.writer.node('Flatten', 'encoder.flatten', [h], { axis: { int: 1 } });
  }
  if (cfg.numClasses > 0) {
    inputs.push({ name: 'y', shape: ['N', cfg.numClasses] });
    h = ctx.writer.node('Concat', 'encoder.concat', [h, 'y'], { axis: { int: 1 } });
    features += cfg.numClasses;
  }
  for (const [i, width] of spec.hidden.entries()) {
    h = dense(ctx, `encoder.fc${i + 1}`, h, [features, width], spec.activation, { rows });
    rows = undefined;
    features = width;
  }
  const heads =
    cfg.kind === 'ae'
      ? [['encoder.mu', 'z']]
      : [
          ['encoder.mu', 'mu'],
          ['encoder.logVar', 'logvar'],
        ];
  const outputs: GraphValue[] = [];
  for (const [name, output] of heads as [string, string][]) {
    dense(ctx, name, h, [features, cfg.latentDim], 'linear', { rows, output });
    outputs.push({ name: output, shape: ['N', cfg.latentDim] });
  }
  return { inputs, outputs };
}

/** How the decoder's last layer becomes `x_hat`. */
export type DecoderOutput = 'mean' | 'logits';

/** One conv decoder stage from `cin` to `cout` channels, ×stride; returns its output. */
function upStage(
  ctx: LayerContext,
  spec: ConvResolved,
  name: string,
  x: string,
  io: { cin: number; cout: number; h: number; w: number; last: boolean; output?: string },
): string {
  const { cin, cout, h, w, last, output } = io;
  const k = spec.kernel;
  const s = spec.stride;
  const act = last ? 'linear' : spec.activation;
  const bias = (n: number) =>
    ctx.writer.float(`${name}.bias`, [n], param(ctx, `${name}.bias`, [n]));
  if (spec.upsample === 'transpose' && s > 1) {
    const filter = param(ctx, `${name}.weight`, [k, k, cout, cin]);
    const weight = ctx.writer.float(
      `${name}.weight`,
      [cin, cout, k, k],
      filterToOnnx(filter, k, k, cout, cin),
    );
    // The adjoint of a 'same' convolution from h·s to h: its padding, plus output_padding up to h·s.
    const total = Math.max(k - s, 0);
    const begin = Math.floor(total / 2);
    const outPad = s - k + total;
    const attributes = {
      kernel_shape: { ints: [k, k] },
      strides: { ints: [s, s] },
      pads: { ints: [begin, begin, total - begin, total - begin] },
      output_padding: { ints: [outPad, outPad] },
    };
    const linear = act === 'linear';
    const y = ctx.writer.node(
      'ConvTranspose',
      name,
      [x, weight, bias(cout)],
      attributes,
      linear ? output : undefined,
    );
    return linear ? y : activate(ctx, name, y, act, output);
  }
  const channels = cout * s * s;
  const filter = param(ctx, `${name}.weight`, [k, k, cin, channels]);
  const weight = ctx.writer.float(
    `${name}.weight`,
    [channels, cin, k, k],
    filterToOnnx(filter, k, k, cin, channels),
  );
  const [ph0, ph1] = samePads(h, k, 1);
  const [pw0, pw1] = samePads(w, k, 1);
  const direct = s === 1 && act === 'linear' ? output : undefined;
  const conv = ctx.writer.node(
    'Conv',
    name,
    [x, weight, bias(channels)],
    {
      kernel_shape: { ints: [k, k] },
      pads: { ints: [ph0, pw0, ph1, pw1] },
    },
    direct,
  );
  if (act === 'linear' && s === 1) return conv;
  const y = activate(ctx, name, conv, act, s === 1 ? output : undefined);
  if (s === 1) return y;
  // latentkit's pixel shuffle reads channel (i·s + j)·C + c: ONNX's DCR order.
  return ctx.writer.node(
    'DepthToSpace',
    `${name}.depthToSpace`,
    [y],
    { blocksize: { int: s }, mode: { string: 'DCR' } },
    output,
  );
}

/** The conv decoder after its dense layers: proj, reshape to NCHW, upsampling stages. */
function convBody(
  ctx: LayerContext,
  cfg: ResolvedModelConfig,
  spec: ConvResolved,
  input: { h: string; features: number; outChannels: number; output: string | undefined },
): string {
  const { h, features, outChannels, output } = input;
  const [oh, ow] = cfg.inputShape as [number, number, number];
  const factor = spec.stride ** spec.channels.length;
  let [sh, sw] = [oh / factor, ow / factor];
  const c0 = spec.channels[0]!;
  const proj = dense(ctx, 'decoder.proj', h, [features, sh * sw * c0], spec.activation, {
    cols: nchwFromNhwc(sh, sw, c0),
  });
  const shape = ctx.writer.int64('decoder.proj.shape', [-1, c0, sh, sw]);
  let x = ctx.writer.node('Reshape', 'decoder.reshape', [proj, shape]);
  for (const [i, cin] of spec.channels.entries()) {
    const last = i === spec.channels.length - 1;
    const cout = last ? outChannels : spec.channels[i + 1]!;
    const name = last ? 'decoder.out' : `decoder.up${i + 1}`;
    const io = { cin, cout, h: sh, w: sw, last, ...(last ? { output } : {}) };
    x = upStage(ctx, spec, name, x, io);
    sh *= spec.stride;
    sw *= spec.stride;
  }
  return x;
}

/**
 * Writes the decoder graph: `z` (and `y` for a CVAE) → `x_hat` of shape `[N, ...inputShape]`
 * (MLP) or `[N, C, H, W]` (conv): Sigmoid of the logits for a Bernoulli decoder with `'mean'`,
 * the logits with `'logits'`, μ for a Gaussian one (the first half of the output for
 * `'gaussian-learned'`).
 *
 * @internal
 */
export function writeDecoder(
  ctx: LayerContext,
  cfg: ResolvedModelConfig,
  output: DecoderOutput,
): NetworkIo {
  const spec = cfg.decoder;
  const inputs: GraphValue[] = [{ name: 'z', shape: ['N', cfg.latentDim] }];
  let h = 'z';
  let features = cfg.latentDim;
  if (cfg.numClasses > 0) {
    inputs.push({ name: 'y', shape: ['N', cfg.numClasses] });
    h = ctx.writer.node('Concat', 'decoder.concat', ['z', 'y'], { axis: { int: 1 } });
    features += cfg.numClasses;
  }
  for (const [i, width] of spec.hidden.entries()) {
    h = dense(ctx, `decoder.fc${i + 1}`, h, [features, width], spec.activation);
    features = width;
  }
  const perElement = cfg.likelihood === 'gaussian-learned' ? 2 : 1;
  const rawShape = [...cfg.inputShape];
  rawShape[rawShape.length - 1]! *= perElement;
  const sigmoid = cfg.likelihood === 'bernoulli' && output === 'mean';
  let shape: number[];
  let axis: number;
  if (spec.type === 'conv') {
    const [oh, ow, oc] = cfg.inputShape as [number, number, number];
    const output = perElement === 1 && !sigmoid ? 'x_hat' : undefined;
    h = convBody(ctx, cfg, spec, { h, features, outChannels: oc * perElement, output });
    shape = [oc, oh, ow];
    axis = 1;
  } else {
    const reshape = cfg.inputShape.length > 1 || perElement === 2;
    const out = reshape || sigmoid ? undefined : 'x_hat';
    h = dense(ctx, 'decoder.out', h, [features, size(rawShape)], 'linear', { output: out });
    if (reshape) {
      const target = ctx.writer.int64('decoder.out.shape', [-1, ...rawShape]);
      const last = perElement === 1 && !sigmoid;
      h = ctx.writer.node(
        'Reshape',
        'decoder.reshape',
        [h, target],
        {},
        last ? 'x_hat' : undefined,
      );
    }
    shape = [...cfg.inputShape];
    axis = cfg.inputShape.length;
  }
  if (perElement === 2) {
    // 'gaussian-learned': [μ | log σ²] along the last latentkit axis (channels for conv): keep μ.
    const half = cfg.inputShape.at(-1)!;
    const starts = ctx.writer.int64('decoder.mean.starts', [0]);
    const ends = ctx.writer.int64('decoder.mean.ends', [half]);
    const axes = ctx.writer.int64('decoder.mean.axes', [axis]);
    h = ctx.writer.node('Slice', 'decoder.mean', [h, starts, ends, axes], {}, 'x_hat');
  } else if (sigmoid) {
    h = ctx.writer.node('Sigmoid', 'decoder.sigmoid', [h], {}, 'x_hat');
  }
  return { inputs, outputs: [{ name: 'x_hat', shape: ['N', ...shape] }] };
}
