import { requireKnownOptions, seedOption } from '@latentkit/core';
import {
  type ActivationName,
  conv2d,
  conv2dTranspose,
  dense,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type Rng,
  type SeedLike,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkInt, sizeOf } from '../internal/check.js';
import { checkShape } from '../internal/shapes.js';
import { type Network, type NetworkSpec, resolveSpec } from './network-spec.js';
import { pixelShuffle } from './pixel-shuffle.js';

/** Options of {@link buildDecoder}. */
export interface BuildDecoderOptions {
  /** Seed or generator of the initial weights (each layer forks its own stream). Default 0. */
  seed?: SeedLike;
  /**
   * Width of the decoder's flat input (latent size, plus the label width for a CVAE). Give
   * either this or `inputShape`.
   */
  inFeatures?: number;
  /**
   * Conv only: the shape `[h, w, c]` of a spatial input (a VQ-VAE's quantized latent grid),
   * instead of `inFeatures`. The spec must have no dense `hidden` layers; the dense `proj` is
   * then a stride-1 convolution (`kernel`, activation) from `c` to `channels[0]` channels.
   */
  inputShape?: number[];
  /**
   * Shape of the decoder's output per example, e.g. `[784]` or `[28, 28, 1]` (for a likelihood
   * with two parameters per element the model doubles the last axis).
   */
  outputShape: number[];
}

/**
 * Builds a decoder from a {@link NetworkSpec} (the mirror of {@link buildEncoder}), ending in a
 * linear output layer (logits or means — the likelihood applies any squashing). Parameter names:
 * `fc1, fc2, …` (hidden dense), then for an MLP `out` (dense to the flattened output); for conv,
 * `proj` (dense to the smallest feature map, or a convolution from a spatial `inputShape`),
 * `up1, up2, …` (upsampling stages) and `out` (the last stage).
 *
 * @param store - Where the parameters go (e.g. `store.scope('decoder')`).
 * @param spec - The architecture.
 * @param options - See {@link BuildDecoderOptions}.
 * @param seed - Deprecated: pass `seed` in `options`.
 * @returns A {@link Network} mapping `[batch, inFeatures]` (or `[batch, ...inputShape]`) to
 *   `[batch, ...outputShape]`.
 * @throws {@link InvalidArgumentError} / {@link UnknownOptionError} for a bad spec, a conv
 *   output whose H or W is not divisible by `stride^channels.length` (or, for a spatial input,
 *   not `stride^channels.length` times the input's), not exactly one of `inFeatures` and
 *   `inputShape`, or a spatial input with an MLP spec or dense hidden layers.
 * @throws {@link ShapeError} from `apply` for an input of another shape.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { buildDecoder } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const dec = buildDecoder(store.scope('decoder'), { type: 'mlp', hidden: [400] }, {
 *   inFeatures: 20, outputShape: [784],
 * }, 1);
 * const logits = dec.apply(tf.zeros([32, 20])); // [32, 784], before the likelihood's link
 * ```
 */
export function buildDecoder(
  store: ParamStore,
  spec: NetworkSpec,
  options: BuildDecoderOptions,
  seed?: SeedLike,
): Network {
  requireKnownOptions(
    options,
    ['seed', 'inFeatures', 'inputShape', 'outputShape'],
    'buildDecoder options',
  );
  const s = resolveSpec(spec, 'decoder');
  if ((options.inFeatures === undefined) === (options.inputShape === undefined)) {
    throw new InvalidArgumentError('decoder', 'give exactly one of inFeatures and inputShape');
  }
  const inputShape =
    options.inputShape === undefined ? undefined : checkShape(options.inputShape, 'inputShape');
  if (inputShape && (s.type !== 'conv' || s.hidden.length > 0 || inputShape.length !== 3)) {
    throw new InvalidArgumentError(
      'decoder',
      'a spatial input [h, w, c] needs a conv spec without dense hidden layers',
    );
  }
  const inFeatures = inputShape ? sizeOf(inputShape) : checkInt(options.inFeatures, 'inFeatures');
  const outputShape = checkShape(options.outputShape, 'outputShape');
  const rng = toRng(seedOption(options, seed, 'buildDecoder'));
  let features = inFeatures;
  const fcs: Layer[] = s.hidden.map((width, i) => {
    const layer = dense(store, `fc${i + 1}`, {
      inFeatures: features,
      outFeatures: width,
      activation: s.activation,
      seed: rng,
    });
    features = width;
    return layer;
  });
  let body: (h: tf.Tensor, batch: number) => tf.Tensor;
  if (s.type === 'mlp') {
    const out = dense(store, 'out', {
      inFeatures: features,
      outFeatures: sizeOf(outputShape),
      seed: rng,
    });
    body = (h, batch) => tf.reshape(out.apply(h), [batch, ...outputShape]);
  } else {
    if (outputShape.length !== 3) {
      throw new InvalidArgumentError(
        'outputShape',
        `a conv decoder needs [H, W, C], got [${outputShape.join(', ')}]`,
      );
    }
    const [oh, ow, oc] = outputShape as [number, number, number];
    const factor = s.stride ** s.channels.length;
    if (oh % factor !== 0 || ow % factor !== 0) {
      throw new InvalidArgumentError(
        'decoder',
        `output ${oh}×${ow} is not divisible by stride^stages = ${factor}`,
      );
    }
    const start = [oh / factor, ow / factor, s.channels[0]!];
    if (inputShape && (inputShape[0] !== start[0] || inputShape[1] !== start[1])) {
      throw new InvalidArgumentError(
        'decoder',
        `${s.channels.length} stages of stride ${s.stride} map a ${inputShape[0]}×${inputShape[1]} input to ${inputShape[0]! * factor}×${inputShape[1]! * factor}, not the output's ${oh}×${ow}`,
      );
    }
    const proj: Layer = inputShape
      ? conv2d(store, 'proj', {
          inChannels: inputShape[2]!,
          outChannels: s.channels[0]!,
          kernelSize: s.kernel,
          padding: 'same',
          activation: s.activation,
          seed: rng,
        })
      : dense(store, 'proj', {
          inFeatures: features,
          outFeatures: sizeOf(start),
          activation: s.activation,
          seed: rng,
        });
    const stages = s.channels.map((cin, i) => {
      const last = i === s.channels.length - 1;
      const cout = last ? oc : s.channels[i + 1]!;
      return upsampleStage(store, last ? 'out' : `up${i + 1}`, cin, cout, s, last, rng);
    });
    body = (h, batch) => {
      let y = inputShape ? proj.apply(h) : tf.reshape(proj.apply(h), [batch, ...start]);
      for (const stage of stages) y = stage(y);
      return y;
    };
  }
  const expected = inputShape ?? [inFeatures];
  return {
    outFeatures: sizeOf(outputShape),
    outShape: outputShape,
    apply(z) {
      const ok =
        z instanceof tf.Tensor &&
        z.rank === expected.length + 1 &&
        expected.every((d, i) => z.shape[i + 1] === d);
      if (!ok) {
        throw new ShapeError(
          `decoder input must have shape [batch, ${expected.join(', ')}], got ${z instanceof tf.Tensor ? `[${z.shape.join(', ')}]` : typeof z}`,
          [null, ...expected],
          z instanceof tf.Tensor ? z.shape : undefined,
        );
      }
      return tf.tidy(() => {
        let h: tf.Tensor = z;
        for (const fc of fcs) h = fc.apply(h);
        return body(h, z.shape[0]!);
      });
    },
  };
}

/**
 * One decoder stage: ×stride upsampling from `cin` to `cout` channels. `depthToSpace` is a
 * permutation of elements, so the activation can be applied by the convolution before it.
 */
function upsampleStage(
  store: ParamStore,
  name: string,
  cin: number,
  cout: number,
  s: { kernel: number; stride: number; activation: ActivationName; upsample: string },
  last: boolean,
  rng: Rng,
): (x: tf.Tensor) => tf.Tensor {
  const base = {
    inChannels: cin,
    kernelSize: s.kernel,
    padding: 'same' as const,
    activation: last ? ('linear' as const) : s.activation,
  };
  if (s.upsample === 'transpose' && s.stride > 1) {
    const layer = conv2dTranspose(store, name, {
      ...base,
      outChannels: cout,
      stride: s.stride,
      seed: rng,
    });
    return (x) => layer.apply(x);
  }
  const block = s.stride;
  const conv = conv2d(store, name, { ...base, outChannels: cout * block * block, seed: rng });
  if (block === 1) return (x) => conv.apply(x);
  return (x) => tf.tidy(() => pixelShuffle(conv.apply(x) as tf.Tensor4D, block));
}
