import { requireKnownOptions } from '@latentkit/core';
import { checkNumber } from '../internal/check.js';
import type { QuantizerConfig } from '../vq/quantizer-config.js';
import type { ModelConfig } from './model-config.js';

/** Options of {@link mnistVqvaeConfig}. */
export interface MnistVqvaeConfigOptions {
  /**
   * σ of the Gaussian decoder (pixels in [0, 1]). Default 1; the Keras example's loss
   * corresponds to σ² = var(x)/2 of the training pixels.
   */
  outputStd?: number;
  /**
   * The quantizer. Default: K = 128 codes, an EMA codebook (decay 0.9) initialized by k-means on
   * the first batch, with dead-code restarts (threshold 2) — the setting latentkit's benchmark
   * and docs train.
   */
  quantizer?: QuantizerConfig;
}

/**
 * The configuration of the conv VQ-VAE of the Keras VQ-VAE example, for 28 × 28 MNIST digits:
 * conv 32 and 64 (3 × 3, stride 2, ReLU) and a 1 × 1 conv to D = 16 (a 7 × 7 grid of 16-wide
 * latents), the mirrored decoder, a Gaussian likelihood. Pass it to `createModel`.
 *
 * @param options - See {@link MnistVqvaeConfigOptions}.
 * @returns A fresh config object (safe to modify).
 * @throws `UnknownOptionError` for an unknown option; `InvalidArgumentError` for an `outputStd`
 *   that is not a positive number.
 *
 * @example
 * ```ts
 * import { createModel, mnistVqvaeConfig } from '@latentkit/models';
 *
 * const model = createModel(mnistVqvaeConfig({ outputStd: 0.22 }), 1);
 * ```
 */
export function mnistVqvaeConfig(options: MnistVqvaeConfigOptions = {}): ModelConfig {
  requireKnownOptions(options, ['outputStd', 'quantizer'], 'mnistVqvaeConfig options');
  return {
    kind: 'vqvae',
    inputShape: [28, 28, 1],
    latentDim: 16,
    encoder: { type: 'conv', channels: [32, 64] },
    outputStd: checkNumber(options.outputStd ?? 1, 'outputStd', 'positive'),
    quantizer: options.quantizer ?? {
      type: 'ema',
      numCodes: 128,
      init: 'kmeans',
      decay: 0.9,
      deadCodeThreshold: 2,
    },
  };
}
