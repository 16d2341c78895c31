import { requireKnownOptions, seedOption } from '@latentkit/core';
import {
  type ActivationName,
  type ActivationOptions,
  conv2d,
  getActivation,
  type Initializer,
  type InitializerName,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type SeedLike,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { type DerivedWeightCache, derivedWeight } from './derived-weight.js';
import { oddKernel } from './odd-kernel.js';

/**
 * PixelCNN mask types (van den Oord et al., 2016). In raster order (row by row, left to right),
 * the output at a position sees the input
 * - `'A'`: only at earlier positions (the first layer: a code never sees itself);
 * - `'B'`: at earlier positions and at the position itself (every later layer).
 */
export type MaskType = 'A' | 'B';

/** Every {@link MaskType}. */
export const MASK_TYPES: readonly MaskType[] = ['A', 'B'];

/** Options of {@link maskedConv2d}. */
export interface MaskedConv2dOptions {
  /** Seed or generator (the layer draws from `fork(<full name>)`, as `conv2d`). Default 0. */
  seed?: SeedLike;
  /** Input channels (last input axis). */
  inChannels: number;
  /** Output channels. */
  outChannels: number;
  /** Kernel size, `k` or `[kh, kw]`; both odd (the mask is centred). */
  kernelSize: number | readonly [number, number];
  /** See {@link MaskType}. */
  maskType: MaskType;
  /** Activation applied to the output. Default `'linear'`. */
  activation?: ActivationName;
  /** Options of the activation. */
  activationOptions?: ActivationOptions;
  /** Whether to add a bias. Default `true`. */
  useBias?: boolean;
  /** Filter initializer (fans of the full kernel). Default `'torchDefault'`. */
  weightInit?: InitializerName | Initializer;
  /** Bias initializer. Default as `conv2d`'s. */
  biasInit?: InitializerName | Initializer;
}

/**
 * A masked 2-D convolution (stride 1, `'same'` zero padding, NHWC): a {@link MaskType} `'A'` or
 * `'B'` PixelCNN layer. With centre `(c, d) = (⌊kh/2⌋, ⌊kw/2⌋)`, the kernel taps in use are the
 * rows above the centre (all `kw` columns) and the taps left of the centre in its row, plus the
 * centre itself for `'B'` — Keras's `PixelConvLayer` mask. So output `(i, j)` depends on input
 * `(i', j')` only when `(i', j')` comes before `(i, j)` in raster order (or equals it, for `'B'`).
 *
 * Parameters: those of `conv2d` from @latentkit/tensor — `<name>.weight` `[kh, kw, in, out]`
 * (the full kernel, Keras/tfjs layout; masked taps are never read and get a zero gradient) and
 * `<name>.bias` `[out]`. The product is computed as two `'valid'` convolutions over the unmasked
 * taps only (rows above; left part of the centre row) on shifted, zero-padded inputs, about half
 * the work of a full masked kernel (@latentkit/tensor's conv gradients run as convolutions, fast
 * on wasm).
 *
 * @param store - Where the parameters are created.
 * @param name - Layer name.
 * @param options - See {@link MaskedConv2dOptions}.
 * @param seed - Deprecated: pass `seed` in `options`.
 * @returns A layer whose `apply` maps `[N, H, W, inChannels]` to `[N, H, W, outChannels]`.
 * @throws {@link InvalidArgumentError} for even or non-positive kernel sizes, a 1×1 kernel with
 *   mask `'A'` (no tap left), bad channel counts or a used name.
 * @throws {@link UnknownOptionError} for an unknown mask type, activation or initializer.
 * @throws {@link ShapeError} from `apply` for an input that is not `[N, H, W, inChannels]`;
 *   {@link InvalidArgumentError} from `apply` for a non-float32 input.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { maskedConv2d } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const conv = maskedConv2d(store, 'b1', {
 *   inChannels: 64, outChannels: 64, kernelSize: 3, maskType: 'B', activation: 'relu',
 * }, 1);
 * const y = conv.apply(tf.zeros([4, 7, 7, 64])); // [4, 7, 7, 64]; sees only pixels above / left
 * ```
 */
export function maskedConv2d(
  store: ParamStore,
  name: string,
  options: MaskedConv2dOptions,
  seed?: SeedLike,
): Layer {
  requireKnownOptions(
    options,
    [
      'seed',
      'inChannels',
      'outChannels',
      'kernelSize',
      'maskType',
      'activation',
      'activationOptions',
      'useBias',
      'weightInit',
      'biasInit',
    ],
    'maskedConv2d options',
  );
  const { inChannels, outChannels, maskType } = options;
  if (!MASK_TYPES.includes(maskType))
    throw new UnknownOptionError('maskType', maskType, MASK_TYPES);
  const [kh, kw] = oddKernel(options.kernelSize, maskType);
  const act = getActivation(options.activation ?? 'linear', options.activationOptions);
  const base = conv2d(store, name, {
    inChannels,
    outChannels,
    kernelSize: [kh, kw],
    padding: 'same',
    useBias: options.useBias,
    weightInit: options.weightInit,
    biasInit: options.biasInit,
    seed: seedOption(options, seed, 'maskedConv2d'),
  });
  const { weight, bias } = base.params as { weight: tf.Variable; bias?: tf.Variable };
  const full = base.name;
  const c = (kh - 1) / 2;
  const d = (kw - 1) / 2;
  const left = d + (maskType === 'B' ? 1 : 0); // taps used in the centre row
  // The kernel rows above the centre and the centre row's used taps (see `derivedWeight`).
  const aboveCache: DerivedWeightCache = {};
  const centreCache: DerivedWeightCache = {};

  return {
    name: full,
    params: base.params,
    apply(x: tf.Tensor): tf.Tensor {
      if (x.dtype !== 'float32') {
        throw new InvalidArgumentError(`${full} input`, `must be float32, got ${x.dtype}`);
      }
      if (x.rank !== 4 || x.shape[3] !== inChannels) {
        throw new ShapeError(
          `${full}: input has shape [${x.shape.join(', ')}], expected [N, H, W, ${inChannels}]`,
          [null, null, null, inChannels],
          x.shape,
        );
      }
      const [n, h, w] = x.shape as [number, number, number, number];
      return tf.tidy(() => {
        const parts: tf.Tensor[] = [];
        // Rows above: input rows 0..h−2 shifted down by c rows (zeros on top), kernel rows 0..c−1.
        if (c > 0 && h > 1) {
          const rows = tf.slice(x, [0, 0, 0, 0], [n, h - 1, w, inChannels]);
          const xs = tf.pad(rows, [
            [0, 0],
            [c, 0],
            [d, d],
            [0, 0],
          ]) as tf.Tensor4D;
          const ws = derivedWeight(aboveCache, weight, (wt) =>
            tf.slice(wt, [0, 0, 0, 0], [c, kw, inChannels, outChannels]),
          );
          parts.push(tf.conv2d(xs, ws as tf.Tensor4D, 1, 'valid'));
        }
        // Centre row: columns left of the centre ('A' drops the last column so that the centre
        // tap never aligns with the output's own position), kernel row c, taps 0..left−1.
        const cols = maskType === 'A' ? w - 1 : w;
        if (left > 0 && cols > 0) {
          const xc = cols === w ? x : tf.slice(x, [0, 0, 0, 0], [n, h, cols, inChannels]);
          const xs = tf.pad(xc, [
            [0, 0],
            [0, 0],
            [left - 1 + (w - cols), 0],
            [0, 0],
          ]) as tf.Tensor4D;
          const ws = derivedWeight(centreCache, weight, (wt) =>
            tf.slice(wt, [c, 0, 0, 0], [1, left, inChannels, outChannels]),
          );
          parts.push(tf.conv2d(xs, ws as tf.Tensor4D, 1, 'valid'));
        }
        let z = parts.length === 0 ? tf.zeros([n, h, w, outChannels]) : parts[0]!;
        if (parts.length === 2) z = tf.add(z, parts[1]!);
        return act(bias ? tf.add(z, bias) : z);
      });
    },
  };
}
