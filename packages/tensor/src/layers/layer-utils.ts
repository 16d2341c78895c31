import { InvalidArgumentError, type Rng, type SeedLike, ShapeError, toRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { getInitializer, type InitializerName } from '../init/get-initializer.js';
import type { Initializer } from '../init/initializer.js';
import type { ParamStore } from '../params/param-store.js';
import { type ActivationName, type ActivationOptions, getActivation } from './activation.js';
import type { ConvPadding } from './conv-geometry.js';

// Internal helpers shared by the layer factories (not part of the public API).

/** Full dotted name of `name` inside `store`. */
export function fullName(store: ParamStore, name: string): string {
  return store.prefix === '' ? name : `${store.prefix}.${name}`;
}

/** Throws InvalidArgumentError unless `v` is a positive integer. */
export function checkPositiveInt(option: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) {
    throw new InvalidArgumentError(option, `must be a positive integer, got ${v}`);
  }
}

/** Normalizes `n | [h, w]` and checks both are positive integers. */
export function pair(option: string, v: number | readonly [number, number]): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  checkPositiveInt(option, p[0]);
  checkPositiveInt(option, p[1]);
  return p;
}

/**
 * Initializes a parameter with `init` drawn from `rng.fork(key)` and adds it to the store.
 * The temporary initial tensor is disposed.
 */
export function initParam(
  store: ParamStore,
  layerName: string,
  key: string,
  shape: number[],
  init: InitializerName | Initializer,
  rng: Rng,
  fans: { fanIn: number; fanOut: number },
  option: string,
): tf.Variable {
  const value = getInitializer(init, option)(shape, rng.fork(key), fans);
  try {
    if (value.dtype !== 'float32' || value.shape.join() !== shape.join()) {
      throw new InvalidArgumentError(
        option,
        `initializer returned ${value.dtype} [${value.shape.join(', ')}], expected float32 [${shape.join(', ')}]`,
      );
    }
    return store.create(`${layerName}.${key}`, value);
  } finally {
    value.dispose();
  }
}

/**
 * Checks a layer input's dtype, rank and (non-null) trailing sizes before tfjs sees it.
 * With `exactRank` false, extra leading axes are allowed.
 *
 * @throws {@link InvalidArgumentError} if not float32; {@link ShapeError} naming the layer otherwise.
 */
export function checkInput(
  x: tf.Tensor,
  layer: string,
  expected: readonly (number | null)[],
  exactRank = true,
): void {
  if (x.dtype !== 'float32') {
    throw new InvalidArgumentError(`${layer} input`, `must be float32, got ${x.dtype}`);
  }
  const rankOk = exactRank ? x.rank === expected.length : x.rank >= expected.length;
  const tail = x.shape.slice(x.rank - expected.length);
  const sizesOk = rankOk && expected.every((d, i) => d === null || tail[i] === d);
  if (!sizesOk) {
    const dims = expected.map((d) => d ?? '?').join(', ');
    throw new ShapeError(
      `${layer}: input has shape [${x.shape.join(', ')}], expected [${exactRank ? '' : '..., '}${dims}]`,
      expected,
      x.shape,
    );
  }
}

/** The options every layer with a weight, an optional bias and an activation shares. */
export interface WeightLayerOptions {
  seed?: SeedLike;
  activation?: ActivationName;
  activationOptions?: ActivationOptions;
  useBias?: boolean;
  weightInit?: InitializerName | Initializer;
  biasInit?: InitializerName | Initializer;
}

/** What {@link createWeightLayer} made: the layer's name, parameters and output step. */
export interface WeightLayerParts {
  /** Full dotted name of the layer in the store. */
  full: string;
  /** The weight variable (owned by the store). */
  weight: tf.Variable;
  /** `{ weight }`, plus `bias` when the layer has one. */
  params: Record<string, tf.Variable>;
  /** Adds the bias (if any) to the pre-activation `z`, then applies the activation (in a tidy). */
  finish(z: tf.Tensor): tf.Tensor;
}

/** A layer's weight: its shape, its fans (given to both initializers) and the bias length. */
export interface WeightSpec {
  shape: number[];
  fans: { fanIn: number; fanOut: number };
  biasSize: number;
}

/**
 * The part of building a layer that dense and the convolutions share, after each has checked its
 * own sizes: resolves the activation, then creates `<name>.weight` of `spec.shape` and (unless
 * `useBias` is false) `<name>.bias` of `[spec.biasSize]`, both drawn from `fork(<full name>)` and
 * initialized with the weight's `spec.fans`. Defaults: weight `'torchDefault'`; bias
 * `'torchDefault'` when the weight's is `'torchDefault'` (PyTorch's rule), `'zeros'` otherwise
 * (Keras's rule).
 *
 * @throws {@link UnknownOptionError} for an unknown activation or initializer name.
 * @throws {@link InvalidArgumentError} for a used name or an initializer that returns the wrong
 *   shape.
 */
export function createWeightLayer(
  store: ParamStore,
  name: string,
  options: WeightLayerOptions,
  seed: SeedLike,
  spec: WeightSpec,
): WeightLayerParts {
  const { shape, fans, biasSize } = spec;
  const act = getActivation(options.activation ?? 'linear', options.activationOptions);
  const weightInit = options.weightInit ?? 'torchDefault';
  const full = fullName(store, name);
  const rng = toRng(seed).fork(full);
  const weight = initParam(store, name, 'weight', shape, weightInit, rng, fans, 'weightInit');
  const params: Record<string, tf.Variable> = { weight };
  let bias: tf.Variable | undefined;
  if (options.useBias ?? true) {
    const biasInit = options.biasInit ?? (weightInit === 'torchDefault' ? 'torchDefault' : 'zeros');
    bias = initParam(store, name, 'bias', [biasSize], biasInit, rng, fans, 'biasInit');
    params.bias = bias;
  }
  return { full, weight, params, finish: (z) => act(bias ? tf.add(z, bias) : z) };
}

/** The checked sizes shared by conv2d and conv2dTranspose. */
export interface ConvSizes {
  inChannels: number;
  outChannels: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  padding: ConvPadding;
}

/**
 * Checks a convolution's channel counts, kernel size and stride (positive integers) and applies
 * the defaults stride 1 and padding `'valid'`. The padding itself is validated by the caller.
 *
 * @throws {@link InvalidArgumentError} naming the bad option.
 */
export function convSizes(options: {
  inChannels: number;
  outChannels: number;
  kernelSize: number | readonly [number, number];
  stride?: number | readonly [number, number];
  padding?: ConvPadding;
}): ConvSizes {
  const { inChannels, outChannels } = options;
  checkPositiveInt('inChannels', inChannels);
  checkPositiveInt('outChannels', outChannels);
  const [kh, kw] = pair('kernelSize', options.kernelSize);
  const [sh, sw] = pair('stride', options.stride ?? 1);
  return { inChannels, outChannels, kh, kw, sh, sw, padding: options.padding ?? 'valid' };
}
