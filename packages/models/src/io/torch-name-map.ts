import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkChoice } from '../internal/check.js';
import {
  type ModelConfig,
  type ResolvedModelConfig,
  resolveModelConfig,
} from '../model/model-config.js';
import { torchLayerPlan } from './torch-layer-plan.js';

/**
 * How a PyTorch model names its parameters:
 * - `'latentkit'`: latentkit's own names (`encoder.fc1.weight`, `encoder.mu.bias`, …), as the
 *   `latentkit_torch` Python modules and {@link modelToTorchSafetensors} use them;
 * - `'fc'` (MLP only): the pytorch/examples VAE style — encoder hidden layers `fc1 … fcK`, heads
 *   `fc{K+1}1` (μ) and `fc{K+1}2` (log σ²) (an AE's code layer: `fc{K+1}`), then the decoder's
 *   layers numbered on, `fc{K+2} …`, the output layer last (`[400]`, 20: `fc1, fc21, fc22, fc3,
 *   fc4`, i.e. {@link torchVaeNameMap});
 * - `'sequential'`: `nn.Sequential` indices — see {@link TorchNameMapOptions}.
 */
export type TorchNamingConvention = 'latentkit' | 'fc' | 'sequential';

/** Options of {@link torchNameMap}. */
export interface TorchNameMapOptions {
  /** The naming convention. Default `'latentkit'`. */
  convention?: TorchNamingConvention;
  /** `'sequential'`: attribute of the encoder's `nn.Sequential`. Default `'encoder'`. */
  encoderName?: string;
  /** `'sequential'`: attribute of the decoder's `nn.Sequential`. Default `'decoder'`. */
  decoderName?: string;
  /** `'sequential'`: the μ head (an AE's code layer), outside the Sequential. Default `'fc_mu'`. */
  muName?: string;
  /** `'sequential'`: the log σ² head. Default `'fc_logvar'`. */
  logVarName?: string;
  /**
   * `'sequential'`: the Sequential index of each of the encoder's parameterized layers
   * (convolutions, then hidden dense layers), overriding the default layout: MLP
   * `[Linear, Act, Linear, Act, …]` → 0, 2, 4, …; conv `[Conv2d, Act, …, Flatten, Linear, Act,
   * …]` → convolutions at 0, 2, …, 2(L−1), dense layers at 2L+1, 2L+3, ….
   */
  encoderIndices?: readonly number[];
  /**
   * `'sequential'`: the Sequential index of each of the decoder's parameterized layers (hidden
   * dense, then the output layer, or `proj` and the upsampling stages), overriding the default:
   * MLP `[Linear, Act, …, Linear]` → 0, 2, …; conv `[Linear, Act, …, Linear (proj), Act,
   * Unflatten, stage…]` where a sub-pixel stage is `[Conv2d, PixelShuffle, Act]` (3 slots; the
   * last stage has no Act; a stride-1 stage `[Conv2d, Act]`) and a transposed stage
   * `[ConvTranspose2d, Act]` (2 slots; the last has no Act).
   */
  decoderIndices?: readonly number[];
}

const CONVENTIONS: readonly TorchNamingConvention[] = ['latentkit', 'fc', 'sequential'];

const KEYS = [
  'convention',
  'encoderName',
  'decoderName',
  'muName',
  'logVarName',
  'encoderIndices',
  'decoderIndices',
];

/**
 * A name map from PyTorch parameter names to latentkit's for a `createModel` config, in one of
 * the common conventions ({@link TorchNamingConvention}). Pass it as `nameMap` to
 * {@link torchStateDictToRecord}, which also converts the layouts. Edit the result freely for
 * other names; {@link invertNameMap} turns it around.
 *
 * @example
 * ```ts
 * // class VAE(nn.Module): encoder = nn.Sequential(Linear(784, 400), ReLU()); fc_mu; fc_logvar;
 * //                       decoder = nn.Sequential(Linear(20, 400), ReLU(), Linear(400, 784))
 * const nameMap = torchNameMap(config, { convention: 'sequential' });
 * // { 'encoder.0.weight': 'encoder.fc1.weight', …, 'fc_mu.weight': 'encoder.mu.weight', …,
 * //   'decoder.2.bias': 'decoder.out.bias' }
 * ```
 *
 * @param config - The model's config (plain or resolved, e.g. `model.config`).
 * @param options - See {@link TorchNameMapOptions}.
 * @returns PyTorch name → latentkit name, in latentkit's parameter order.
 * @throws {@link InvalidArgumentError} for a VQ-VAE, `'fc'` with a conv network, index lists of
 *   the wrong length or with repeated or negative entries, or as `resolveModelConfig`.
 * @throws {@link UnknownOptionError} for an unknown option key or convention.
 */
export function torchNameMap(
  config: ModelConfig | ResolvedModelConfig,
  options: TorchNameMapOptions = {},
): Record<string, string> {
  requireKnownOptions(options, KEYS, 'torchNameMap options');
  const convention = checkChoice(options.convention ?? 'latentkit', 'convention', CONVENTIONS);
  for (const key of ['encoderName', 'decoderName', 'muName', 'logVarName'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'string' || v === '')) {
      throw new InvalidArgumentError(key, `must be a non-empty string, got ${JSON.stringify(v)}`);
    }
  }
  const cfg = resolveModelConfig(config as ModelConfig);
  const layers = torchLayerPlan(cfg).map((l) => l.name);
  let rename: (name: string) => string;
  if (convention === 'latentkit') rename = (name) => name;
  else if (convention === 'fc') rename = fcNames(layers);
  else rename = sequentialNames(layers, cfg, options);
  const out: Record<string, string> = {};
  for (const layer of layers) {
    for (const param of ['weight', 'bias']) {
      out[`${rename(layer)}.${param}`] = `${layer}.${param}`;
    }
  }
  return out;
}

function fcNames(layers: string[]): (name: string) => string {
  if (layers.some((l) => /conv|proj|\.up/.test(l))) {
    throw new InvalidArgumentError(
      'convention',
      "'fc' names MLP layers only; use 'sequential' or a hand-written map for a conv model",
    );
  }
  const k = layers.filter((l) => /^encoder\.fc/.test(l)).length;
  const ae = !layers.includes('encoder.logVar');
  const names = new Map<string, string>();
  layers
    .filter((l) => /^encoder\.fc/.test(l))
    .forEach((l, i) => {
      names.set(l, `fc${i + 1}`);
    });
  names.set('encoder.mu', ae ? `fc${k + 1}` : `fc${k + 1}1`);
  names.set('encoder.logVar', `fc${k + 1}2`);
  layers
    .filter((l) => l.startsWith('decoder.'))
    .forEach((l, i) => {
      names.set(l, `fc${k + 2 + i}`);
    });
  return (name) => names.get(name)!;
}

function checkIndices(value: readonly number[], count: number, what: string): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== count ||
    !value.every((v) => Number.isInteger(v) && v >= 0) ||
    new Set(value).size !== value.length
  ) {
    throw new InvalidArgumentError(
      what,
      `must be ${count} distinct non-negative integers (one per parameterized layer), got ${JSON.stringify(value)}`,
    );
  }
  return [...value];
}

/** Default Sequential indices of the decoder's layers (see TorchNameMapOptions.decoderIndices). */
function defaultDecoderIndices(layers: string[], cfg: ResolvedModelConfig): number[] {
  const hidden = layers.filter((l) => /^decoder\.fc/.test(l)).length;
  const out = Array.from({ length: hidden }, (_, i) => 2 * i);
  if (cfg.decoder.type === 'mlp') return [...out, 2 * hidden];
  out.push(2 * hidden); // proj; then Act, Unflatten
  let next = 2 * hidden + 3;
  const stages = cfg.decoder.channels.length;
  const transpose = cfg.decoder.upsample === 'transpose' && cfg.decoder.stride > 1;
  const slots = transpose || cfg.decoder.stride === 1 ? 2 : 3;
  for (let i = 0; i < stages; i++) {
    out.push(next);
    next += slots;
  }
  return out;
}

function sequentialNames(
  layers: string[],
  cfg: ResolvedModelConfig,
  options: TorchNameMapOptions,
): (name: string) => string {
  const enc = layers.filter((l) => /^encoder\.(conv|fc)/.test(l));
  const dec = layers.filter((l) => l.startsWith('decoder.'));
  const convs = enc.filter((l) => l.startsWith('encoder.conv')).length;
  // MLP: [Linear, Act, …] → 0, 2, …; conv: [Conv2d, Act, …, Flatten, Linear, Act, …].
  const encDefault = enc.map((_, i) => (convs === 0 || i < convs ? 2 * i : 2 * i + 1));
  const encIdx = checkIndices(options.encoderIndices ?? encDefault, enc.length, 'encoderIndices');
  const decIdx = checkIndices(
    options.decoderIndices ?? defaultDecoderIndices(layers, cfg),
    dec.length,
    'decoderIndices',
  );
  const names = new Map<string, string>();
  enc.forEach((l, i) => {
    names.set(l, `${options.encoderName ?? 'encoder'}.${encIdx[i]}`);
  });
  dec.forEach((l, i) => {
    names.set(l, `${options.decoderName ?? 'decoder'}.${decIdx[i]}`);
  });
  names.set('encoder.mu', options.muName ?? 'fc_mu');
  names.set('encoder.logVar', options.logVarName ?? 'fc_logvar');
  return (name) => names.get(name)!;
}
