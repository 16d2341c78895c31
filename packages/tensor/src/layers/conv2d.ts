import { requireKnownOptions, type SeedLike, ShapeError, seedOption } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { InitializerName } from '../init/get-initializer.js';
import type { Initializer } from '../init/initializer.js';
import { conv2dGemm } from '../kernels/conv2d-gemm.js';
import type { ParamStore } from '../params/param-store.js';
import { type ActivationName, type ActivationOptions, getActivation } from './activation.js';
import { type ConvPadding, convOutputLength } from './conv-geometry.js';
import type { Layer } from './layer.js';
import { checkInput, convSizes, createWeightLayer } from './layer-utils.js';

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
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
  /** Padding (see {@link ConvPadding}). Default `'valid'` (PyTorch's default `padding=0`). */
  padding?: ConvPadding;
  /** Activation applied to the output. Default `'linear'`. */
  activation?: ActivationName;
  /** Options of the activation. */
  activationOptions?: ActivationOptions;
  /** Whether to add a bias. Default `true`. */
  useBias?: boolean;
  /** Filter initializer. Default `'torchDefault'` (PyTorch's `nn.Conv2d` init). */
  weightInit?: InitializerName | Initializer;
  /** Bias initializer (called with the filter's fans). Default as in {@link DenseOptions.biasInit}. */
  biasInit?: InitializerName | Initializer;
}

/**
 * A 2-D convolution layer on NHWC tensors (dilation 1, no groups), y = activation(conv(x, W) + b).
 *
 * Parameters (in `store`, under `<name>`):
 * - `<name>.weight`: filter `[kh, kw, inChannels, outChannels]` (tfjs/Keras layout; PyTorch's
 *   `nn.Conv2d` stores `[out, in, kh, kw]`: permute axes `[2, 3, 1, 0]` to convert from it);
 * - `<name>.bias`: `[outChannels]`.
 *
 * `apply(x)` takes `[N, H, W, inChannels]` and returns `[N, OH, OW, outChannels]`, with OH and OW
 * from {@link convOutputLength}.
 *
 * @param store - Where the parameters are created.
 * @param name - Layer name, e.g. `'conv1'`.
 * @param options - See {@link Conv2dOptions}.
 * @param seed - Deprecated: pass `seed` in `options` instead.
 * @throws {@link InvalidArgumentError} for bad sizes, stride or padding, or a used name.
 * @throws {@link UnknownOptionError} for an unknown activation or initializer name.
 * @throws {@link ShapeError} from `apply` for an input that is not rank 4 with `inChannels`
 *   channels, or too small for the kernel.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { conv2d, createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const conv = conv2d(store, 'enc.conv1', {
 *   inChannels: 1, outChannels: 32, kernelSize: 4, stride: 2, padding: 1, activation: 'relu',
 * }, 1);
 * const y = conv.apply(tf.zeros([8, 28, 28, 1])); // NHWC → [8, 14, 14, 32]
 * ```
 */
export function conv2d(
  store: ParamStore,
  name: string,
  options: Conv2dOptions,
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
      'activation',
      'activationOptions',
      'useBias',
      'weightInit',
      'biasInit',
    ],
    'conv2d options',
  );
  const { inChannels, outChannels, kh, kw, sh, sw, padding } = convSizes(options);
  convOutputLength(kh, kh, sh, padding); // validates padding early
  const { full, weight, params, finish } = createWeightLayer(
    store,
    name,
    options,
    seedOption(options, seed, 'conv2d'),
    {
      shape: [kh, kw, inChannels, outChannels],
      fans: { fanIn: kh * kw * inChannels, fanOut: kh * kw * outChannels },
      biasSize: outChannels,
    },
  );
  // The activation alone (validated by createWeightLayer), for the bias fused into the conv kernel.
  const activate = getActivation(options.activation ?? 'linear', options.activationOptions);
  return {
    name: full,
    params,
    apply(x: tf.Tensor): tf.Tensor {
      checkInput(x, full, [null, null, null, inChannels]);
      const [, h, w] = x.shape as [number, number, number, number];
      const oh = convOutputLength(h, kh, sh, padding);
      const ow = convOutputLength(w, kw, sw, padding);
      if (oh < 1 || ow < 1) {
        throw new ShapeError(
          `${full}: input ${h}×${w} is too small for kernel ${kh}×${kw} with padding ${JSON.stringify(padding)}`,
          [null, null, null, inChannels],
          x.shape,
        );
      }
      return tf.tidy(() => {
        // tf.conv2d; on wasm, latentkit's im2col + GEMM kernel (see conv2dGemm), which adds the
        // bias in its GEMM epilogue; the activation stays a separate op.
        const b = params.bias as tf.Tensor1D | undefined;
        const z = conv2dGemm(
          x as tf.Tensor4D,
          weight as tf.Tensor4D,
          [sh, sw],
          padding,
          undefined,
          b,
        );
        return b ? activate(z) : finish(z);
      });
    },
  };
}
