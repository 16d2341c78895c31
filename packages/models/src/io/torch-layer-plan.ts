import { InvalidArgumentError } from '@latentkit/core';
import {
  type ModelConfig,
  type ResolvedModelConfig,
  resolveModelConfig,
} from '../model/model-config.js';

/** The PyTorch module that holds a latentkit layer's parameters. */
export type TorchModuleType = 'linear' | 'conv2d' | 'convTranspose2d';

/**
 * One parameterized layer of a `createModel` network as PyTorch sees it: its latentkit name, the
 * torch module that is its equivalent, its sizes and the reorderings between the two frameworks'
 * layouts. Weights: `nn.Linear` `[out, in]` ↔ latentkit `[in, out]`; `nn.Conv2d`
 * `[out, in, kh, kw]` ↔ `[kh, kw, in, out]`; `nn.ConvTranspose2d` `[in, out, kh, kw]` ↔
 * `[kh, kw, out, in]` (tfjs `conv2dTranspose`'s filter). Biases `[out]` on both sides.
 */
export interface TorchLayer {
  /** latentkit layer name, e.g. `'encoder.conv1'`; the parameters are `<name>.weight`, `.bias`. */
  name: string;
  /** The equivalent PyTorch module. */
  module: TorchModuleType;
  /** Input features (`linear`) or channels (`conv2d`, `convTranspose2d`). */
  inputs: number;
  /** Output features or channels (for a sub-pixel convolution: `stride²·C`). */
  outputs: number;
  /** Kernel size (convolutions; 1 for `linear`). */
  kernel: number;
  /**
   * A dense layer after a flatten: its first `h·w·c` inputs are a `[h, w, c]` feature map,
   * which latentkit flattens in (h, w, c) order and PyTorch's `Flatten` of NCHW in (c, h, w)
   * order (any further inputs, a CVAE's one-hot label, follow in both).
   */
  inputFeatureMap?: readonly [number, number, number];
  /**
   * A dense layer whose output is reshaped into a `[h, w, c]` feature map: (h, w, c) order in
   * latentkit, (c, h, w) order before PyTorch's `Unflatten` to NCHW.
   */
  outputFeatureMap?: readonly [number, number, number];
  /**
   * A convolution followed by depth-to-space by this factor r: latentkit's output channel
   * (i·r + j)·C + k is PyTorch `PixelShuffle`'s channel k·r² + i·r + j.
   */
  pixelShuffle?: number;
}

/**
 * The parameterized layers of a `createModel` network in creation order (encoder trunk, latent
 * heads, decoder), with what PyTorch needs to hold the same weights. Pure: builds no model.
 *
 * @param config - A {@link ModelConfig} (resolved here) or a resolved one (`model.config`).
 * @returns One {@link TorchLayer} per dense or convolutional layer.
 * @throws {@link InvalidArgumentError} for a VQ-VAE (its quantizer has no PyTorch convention
 *   here), or as `resolveModelConfig` for a bad config.
 * @example
 * ```ts
 * import { torchLayerPlan } from '@latentkit/models';
 *
 * const plan = torchLayerPlan({
 *   kind: 'vae',
 *   inputShape: [784],
 *   latentDim: 20,
 *   encoder: { type: 'mlp', hidden: [400] },
 * });
 * // one entry per nn.Linear / nn.Conv2d / nn.ConvTranspose2d, in creation order
 * for (const layer of plan) console.log(layer.name, layer.module, layer.inputs, layer.outputs);
 * // → 'encoder.fc1' 'linear' 784 400, 'encoder.mu' 'linear' 400 20, …
 * ```
 */
export function torchLayerPlan(config: ModelConfig | ResolvedModelConfig): TorchLayer[] {
  const cfg = resolveModelConfig(config as ModelConfig);
  if (cfg.kind === 'vqvae') {
    throw new InvalidArgumentError(
      'config.kind',
      "PyTorch layouts cover 'ae', 'vae' and 'cvae' models; a VQ-VAE is not supported",
    );
  }
  return [...encoderPlan(cfg), ...decoderPlan(cfg)];
}

function encoderPlan(cfg: ResolvedModelConfig): TorchLayer[] {
  const s = cfg.encoder;
  const layers: TorchLayer[] = [];
  let features = cfg.inputShape.reduce((a, b) => a * b, 1);
  let featureMap: [number, number, number] | undefined;
  if (s.type === 'conv') {
    let [h, w, c] = cfg.inputShape as [number, number, number];
    s.channels.forEach((out, i) => {
      layers.push({
        name: `encoder.conv${i + 1}`,
        module: 'conv2d',
        inputs: c,
        outputs: out,
        kernel: s.kernel,
      });
      h = Math.ceil(h / s.stride);
      w = Math.ceil(w / s.stride);
      c = out;
    });
    featureMap = [h, w, c];
    features = h * w * c;
  }
  features += cfg.numClasses;
  const dense = (name: string, outputs: number): TorchLayer => {
    const layer: TorchLayer = { name, module: 'linear', inputs: features, outputs, kernel: 1 };
    if (featureMap) layer.inputFeatureMap = featureMap;
    return layer;
  };
  s.hidden.forEach((width, i) => {
    layers.push(dense(`encoder.fc${i + 1}`, width));
    features = width;
    featureMap = undefined;
  });
  layers.push(dense('encoder.mu', cfg.latentDim));
  if (cfg.kind !== 'ae') layers.push(dense('encoder.logVar', cfg.latentDim));
  return layers;
}

function decoderPlan(cfg: ResolvedModelConfig): TorchLayer[] {
  const s = cfg.decoder;
  const layers: TorchLayer[] = [];
  const perElement = cfg.likelihood === 'gaussian-learned' ? 2 : 1;
  const outShape = [...cfg.inputShape];
  outShape[outShape.length - 1]! *= perElement;
  let features = cfg.latentDim + cfg.numClasses;
  s.hidden.forEach((width, i) => {
    layers.push({
      name: `decoder.fc${i + 1}`,
      module: 'linear',
      inputs: features,
      outputs: width,
      kernel: 1,
    });
    features = width;
  });
  if (s.type === 'mlp') {
    const outputs = outShape.reduce((a, b) => a * b, 1);
    layers.push({ name: 'decoder.out', module: 'linear', inputs: features, outputs, kernel: 1 });
    return layers;
  }
  const [oh, ow, oc] = outShape as [number, number, number];
  const factor = s.stride ** s.channels.length;
  if (oh % factor !== 0 || ow % factor !== 0) {
    throw new InvalidArgumentError(
      'decoder',
      `output ${oh}×${ow} is not divisible by stride^stages = ${factor}`,
    );
  }
  const start = [oh / factor, ow / factor, s.channels[0]!] as const;
  layers.push({
    name: 'decoder.proj',
    module: 'linear',
    inputs: features,
    outputs: start[0] * start[1] * start[2],
    kernel: 1,
    outputFeatureMap: start,
  });
  s.channels.forEach((cin, i) => {
    const last = i === s.channels.length - 1;
    const cout = last ? oc : s.channels[i + 1]!;
    const name = last ? 'decoder.out' : `decoder.up${i + 1}`;
    if (s.upsample === 'transpose' && s.stride > 1) {
      layers.push({
        name,
        module: 'convTranspose2d',
        inputs: cin,
        outputs: cout,
        kernel: s.kernel,
      });
    } else {
      const r = s.stride;
      const layer: TorchLayer = {
        name,
        module: 'conv2d',
        inputs: cin,
        outputs: cout * r * r,
        kernel: s.kernel,
      };
      if (r > 1) layer.pixelShuffle = r;
      layers.push(layer);
    }
  });
  return layers;
}
