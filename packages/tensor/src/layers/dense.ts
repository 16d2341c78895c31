import { requireKnownOptions, type SeedLike, seedOption } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { InitializerName } from '../init/get-initializer.js';
import type { Initializer } from '../init/initializer.js';
import { gemm } from '../kernels/gemm.js';
import type { ParamStore } from '../params/param-store.js';
import type { ActivationName, ActivationOptions } from './activation.js';
import type { Layer } from './layer.js';
import { checkInput, checkPositiveInt, createWeightLayer } from './layer-utils.js';

/** Options of {@link dense}. */
export interface DenseOptions {
  /**
   * Seed or generator of the initial weights; the layer draws from `fork(<full name>)`, so it
   * does not depend on which other layers exist. Default 0.
   */
  seed?: SeedLike;
  /** Input width (size of the last input axis). */
  inFeatures: number;
  /** Output width. */
  outFeatures: number;
  /** Activation applied to the output. Default `'linear'`. */
  activation?: ActivationName;
  /** Options of the activation (e.g. leaky ReLU's slope). */
  activationOptions?: ActivationOptions;
  /** Whether to add a bias. Default `true`. */
  useBias?: boolean;
  /** Weight initializer. Default `'torchDefault'` (PyTorch's `nn.Linear` init). */
  weightInit?: InitializerName | Initializer;
  /**
   * Bias initializer, called with the weight's fans. Default `'torchDefault'` when `weightInit`
   * is `'torchDefault'` (PyTorch's rule), `'zeros'` otherwise (Keras's rule).
   */
  biasInit?: InitializerName | Initializer;
}

/**
 * A fully connected layer, y = activation(x·W + b).
 *
 * Parameters (in `store`, under `<name>`):
 * - `<name>.weight`: shape `[inFeatures, outFeatures]`. NOTE: PyTorch's `nn.Linear` stores its
 *   weight as `[out, in]`; transpose when exchanging weights with PyTorch.
 * - `<name>.bias`: shape `[outFeatures]` (unless `useBias` is false).
 *
 * `apply(x)` takes `[..., inFeatures]` (rank ≥ 2; leading axes are flattened for the product
 * and restored) and returns `[..., outFeatures]`.
 *
 * @param store - Where the parameters are created (a scope view prefixes their names).
 * @param name - Layer name, e.g. `'fc1'`.
 * @param options - See {@link DenseOptions}.
 * @param seed - Deprecated: pass `seed` in `options` instead.
 * @throws {@link InvalidArgumentError} for bad sizes, a name already in the store, or an
 *   initializer that returns the wrong shape.
 * @throws {@link UnknownOptionError} for an unknown activation or initializer name.
 * @throws {@link ShapeError} from `apply` when the input's last axis is not `inFeatures`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createParamStore, dense, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const fc1 = dense(store, 'fc1', { inFeatures: 784, outFeatures: 400, activation: 'relu' }, 1);
 * const h = fc1.apply(tf.zeros([32, 784])); // [32, 400]
 * store.names(); // ['fc1.weight', 'fc1.bias']
 * ```
 */
export function dense(
  store: ParamStore,
  name: string,
  options: DenseOptions,
  seed?: SeedLike,
): Layer {
  requireKnownOptions(
    options,
    [
      'seed',
      'inFeatures',
      'outFeatures',
      'activation',
      'activationOptions',
      'useBias',
      'weightInit',
      'biasInit',
    ],
    'dense options',
  );
  const { inFeatures, outFeatures } = options;
  checkPositiveInt('inFeatures', inFeatures);
  checkPositiveInt('outFeatures', outFeatures);
  const { full, weight, params, finish } = createWeightLayer(
    store,
    name,
    options,
    seedOption(options, seed, 'dense'),
    {
      shape: [inFeatures, outFeatures],
      fans: { fanIn: inFeatures, fanOut: outFeatures },
      biasSize: outFeatures,
    },
  );
  // The bias and a linear or ReLU activation are fused into the product (one kernel on wasm).
  const activation = options.activation ?? 'linear';
  const fused = activation === 'linear' || activation === 'relu' ? activation : undefined;
  const bias = params.bias;
  return {
    name: full,
    params,
    apply(x: tf.Tensor): tf.Tensor {
      checkInput(x, full, [null, inFeatures], false);
      return tf.tidy(() => {
        const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inFeatures]);
        const y = fused
          ? gemm(flat, weight, { activation: fused, ...(bias ? { bias } : {}) })
          : finish(gemm(flat, weight));
        return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), outFeatures]);
      });
    },
  };
}
