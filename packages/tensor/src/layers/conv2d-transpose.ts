import { requireKnownOptions, type SeedLike, seedOption } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { InitializerName } from '../init/get-initializer.js';
import type { Initializer } from '../init/initializer.js';
import { conv2dTransposeByConv } from '../ops/conv2d-transpose-by-conv.js';
import type { ParamStore } from '../params/param-store.js';
import type { ActivationName, ActivationOptions } from './activation.js';
import { type ConvPadding, convTransposeOutputLength } from './conv-geometry.js';
import type { Layer } from './layer.js';
import { checkInput, convSizes, createWeightLayer } from './layer-utils.js';

/** Options of {@link conv2dTranspose}. */
export interface Conv2dTransposeOptions {
  /**
   * Seed or generator of the initial weights; the layer draws from `fork(<full name>)`, so it
   * does not depend on which other layers exist. Default 0.
   */
  seed?: SeedLike;
  /** Input channels (last input axis). */
  inChannels: number;
  /** Output channels. */
  outChannels: number;
  /** Kernel size, `k` or `[kh, kw]`. */
  kernelSize: number | readonly [number, number];
  /** Stride, `s` or `[sh, sw]`. Default 1. */
  stride?: number | readonly [number, number];
  /** Padding (see {@link convTransposeOutputLength}). Default `'valid'` (PyTorch's `padding=0`). */
  padding?: ConvPadding;
  /** Extra rows/columns at the bottom/right, `< stride` (PyTorch's `output_padding`). Default 0. */
  outputPadding?: number | readonly [number, number];
  /** Activation applied to the output. Default `'linear'`. */
  activation?: ActivationName;
  /** Options of the activation. */
  activationOptions?: ActivationOptions;
  /** Whether to add a bias. Default `true`. */
  useBias?: boolean;
  /** Filter initializer. Default `'torchDefault'` (PyTorch's `nn.ConvTranspose2d` init). */
  weightInit?: InitializerName | Initializer;
  /** Bias initializer (called with the filter's fans). Default as in {@link DenseOptions.biasInit}. */
  biasInit?: InitializerName | Initializer;
}

/**
 * A 2-D transposed convolution ("deconvolution") layer on NHWC tensors (dilation 1, no groups):
 * the adjoint of {@link conv2d} with the same kernel, stride and padding, plus bias and activation.
 *
 * Parameters (in `store`, under `<name>`):
 * - `<name>.weight`: filter `[kh, kw, outChannels, inChannels]` — tfjs/Keras's layout for
 *   transposed convolutions (output channels BEFORE input channels). PyTorch's
 *   `nn.ConvTranspose2d` stores `[in, out, kh, kw]`: permute axes `[2, 3, 1, 0]` to convert.
 *   Fans (for initializers): fanIn = kh·kw·outChannels, as in PyTorch.
 * - `<name>.bias`: `[outChannels]`.
 *
 * `apply(x)` takes `[N, H, W, inChannels]` and returns `[N, OH, OW, outChannels]` with
 * OH = (H − 1)·sh − 2p + kh + outputPadding for numeric padding p (PyTorch's formula; `'valid'` is
 * p = 0) and OH = H·sh for `'same'` (Keras's choice); see {@link convTransposeOutputLength}.
 *
 * @param store - Where the parameters are created.
 * @param name - Layer name, e.g. `'deconv1'`.
 * @param options - See {@link Conv2dTransposeOptions}.
 * @param seed - Deprecated: pass `seed` in `options` instead.
 * @throws {@link InvalidArgumentError} for bad sizes, stride, padding or outputPadding, or a used name.
 * @throws {@link UnknownOptionError} for an unknown activation or initializer name.
 * @throws {@link ShapeError} from `apply` for an input that is not rank 4 with `inChannels` channels.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { conv2dTranspose, createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const up = conv2dTranspose(store, 'dec.up1', {
 *   inChannels: 32, outChannels: 1, kernelSize: 4, stride: 2, padding: 1,
 * }, 1);
 * const y = up.apply(tf.zeros([8, 14, 14, 32])); // NHWC → [8, 28, 28, 1]
 * ```
 */
export function conv2dTranspose(
  store: ParamStore,
  name: string,
  options: Conv2dTransposeOptions,
  seed?: SeedLike,
): Layer {
  requireKnownOptions(
    options,
    [
      'seed',
      'inChannels',
      'outChannels',
      'kernelSize',
      'stride',
      'padding',
      'outputPadding',
      'activation',
      'activationOptions',
      'useBias',
      'weightInit',
      'biasInit',
    ],
    'conv2dTranspose options',
  );
  const { inChannels, outChannels, kh, kw, sh, sw, padding } = convSizes(options);
  const op = options.outputPadding ?? 0;
  const [oph, opw] = typeof op === 'number' ? [op, op] : [op[0], op[1]];
  // Validates padding and outputPadding early (for a 1×1 input).
  convTransposeOutputLength(1, kh, sh, padding, oph);
  convTransposeOutputLength(1, kw, sw, padding, opw);
  const { full, weight, params, finish } = createWeightLayer(
    store,
    name,
    options,
    seedOption(options, seed, 'conv2dTranspose'),
    {
      shape: [kh, kw, outChannels, inChannels],
      fans: { fanIn: kh * kw * outChannels, fanOut: kh * kw * inChannels },
      biasSize: outChannels,
    },
  );
  return {
    name: full,
    params,
    apply(x: tf.Tensor): tf.Tensor {
      checkInput(x, full, [null, null, null, inChannels]);
      const [n, h, w] = x.shape as [number, number, number, number];
      const oh = convTransposeOutputLength(h, kh, sh, padding, oph);
      const ow = convTransposeOutputLength(w, kw, sw, padding, opw);
      return tf.tidy(() => {
        // Same numbers as tf.conv2dTranspose, through the fast Conv2D kernel (see the op).
        const z = conv2dTransposeByConv(
          x as tf.Tensor4D,
          weight as tf.Tensor4D,
          [n, oh, ow, outChannels],
          [sh, sw],
          padding,
        );
        return finish(z);
      });
    },
  };
}
