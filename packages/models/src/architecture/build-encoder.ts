import { requireKnownOptions, seedOption } from '@latentkit/core';
import {
  conv2d,
  dense,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type SeedLike,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkInt, sizeOf } from '../internal/check.js';
import { checkBatch, checkShape } from '../internal/shapes.js';
import { type Network, type NetworkSpec, resolveSpec } from './network-spec.js';

/** Options of {@link buildEncoder}. */
export interface BuildEncoderOptions {
  /** Seed or generator of the initial weights (each layer forks its own stream). Default 0. */
  seed?: SeedLike;
  /** Shape of one example: `[D]` (or any shape, flattened) for an MLP, `[H, W, C]` for conv. */
  inputShape: number[];
  /** Width of the `extra` features concatenated before the dense layers (CVAE labels). Default 0. */
  extraFeatures?: number;
  /**
   * Conv only: return the last feature map `[batch, H', W', C']` instead of flattening it (a
   * VQ-VAE's latent grid). The spec must then have no dense `hidden` layers, and
   * `extraFeatures` must be 0. Default false.
   */
  spatial?: boolean;
}

/**
 * Builds the trunk of an encoder from a {@link NetworkSpec}: everything up to (not including)
 * the latent heads, which the model adds. Parameters are created in `store` (pass a scoped view,
 * e.g. `store.scope('encoder')`) with names `fc1, fc2, …` (dense) and `conv1, conv2, …`.
 *
 * - MLP: flatten → concat `extra` → dense `hidden[i]` + activation. `outFeatures` is the last
 *   hidden width (or the flattened input size plus `extraFeatures` when `hidden` is empty).
 * - Conv: strided `conv2d` stages (padding `'same'`) + activation → flatten → concat `extra` →
 *   dense `hidden[i]` + activation.
 *
 * @param store - Where the parameters go.
 * @param spec - The architecture.
 * @param options - See {@link BuildEncoderOptions}.
 * @param seed - Deprecated: pass `seed` in `options`.
 * @returns A {@link Network} mapping `[batch, ...inputShape]` to `[batch, outFeatures]` (or
 *   `[batch, ...outShape]` when `spatial`).
 * @throws {@link InvalidArgumentError} / {@link UnknownOptionError} for a bad spec or shape, or
 *   `spatial` with an MLP spec, dense hidden layers or extra features.
 * @throws {@link ShapeError} from `apply` for an input whose shape is not `[batch, ...inputShape]`
 *   or `extra` whose shape is not `[batch, extraFeatures]`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { buildEncoder } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const enc = buildEncoder(store.scope('encoder'), { type: 'conv', channels: [32, 64] }, {
 *   inputShape: [28, 28, 1],
 * }, 1);
 * const h = enc.apply(tf.zeros([8, 28, 28, 1])); // [8, enc.outFeatures]: the trunk, before μ / log σ²
 * ```
 */
export function buildEncoder(
  store: ParamStore,
  spec: NetworkSpec,
  options: BuildEncoderOptions,
  seed?: SeedLike,
): Network {
  requireKnownOptions(
    options,
    ['seed', 'inputShape', 'extraFeatures', 'spatial'],
    'buildEncoder options',
  );
  const s = resolveSpec(spec, 'encoder');
  const inputShape = checkShape(options.inputShape);
  const extraFeatures = checkInt(options.extraFeatures ?? 0, 'extraFeatures', 0);
  const spatial = options.spatial ?? false;
  if (spatial && (s.type !== 'conv' || s.hidden.length > 0 || extraFeatures > 0)) {
    throw new InvalidArgumentError(
      'encoder',
      'a spatial encoder output needs a conv spec without dense hidden layers or extra features',
    );
  }
  const rng = toRng(seedOption(options, seed, 'buildEncoder'));
  let outShape: number[] = [];
  const convs: Layer[] = [];
  let features = sizeOf(inputShape);
  if (s.type === 'conv') {
    if (inputShape.length !== 3) {
      throw new InvalidArgumentError(
        'inputShape',
        `a conv encoder needs [H, W, C], got [${inputShape.join(', ')}]`,
      );
    }
    let [h, w, c] = inputShape as [number, number, number];
    s.channels.forEach((out, i) => {
      convs.push(
        conv2d(store, `conv${i + 1}`, {
          inChannels: c,
          outChannels: out,
          kernelSize: s.kernel,
          stride: s.stride,
          padding: 'same',
          activation: s.activation,
          seed: rng,
        }),
      );
      h = Math.ceil(h / s.stride);
      w = Math.ceil(w / s.stride);
      c = out;
    });
    features = h * w * c;
    outShape = [h, w, c];
  }
  features += extraFeatures;
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
  return {
    outFeatures: features,
    outShape: spatial ? outShape : [features],
    apply(x, extra) {
      checkBatch(x, inputShape, 'encoder input');
      const batch = x.shape[0]!;
      if (extraFeatures > 0) {
        if (extra?.rank !== 2 || extra.shape[0] !== batch || extra.shape[1] !== extraFeatures) {
          throw new ShapeError(
            `encoder: extra features must have shape [${batch}, ${extraFeatures}], got ${extra ? `[${extra.shape.join(', ')}]` : 'none'}`,
            [batch, extraFeatures],
            extra?.shape,
          );
        }
      }
      return tf.tidy(() => {
        let h: tf.Tensor = x;
        for (const conv of convs) h = conv.apply(h);
        if (spatial) return h;
        h = tf.reshape(h, [batch, -1]);
        if (extraFeatures > 0) h = tf.concat([h, extra!], 1);
        for (const fc of fcs) h = fc.apply(h);
        return h;
      });
    },
  };
}
