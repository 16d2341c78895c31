import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkInt } from '../internal/check.js';

/**
 * Plain-data description of a PixelCNN prior over an `height × width` grid of codes in
 * `[0, numCodes)`: JSON-serializable, stored with saved weights. The network (Keras's VQ-VAE
 * example, van den Oord et al. 2016):
 *
 * 1. a mask-`'A'` convolution of the one-hot codes (`[N, H, W, K]`), `kernelSize`, `filters`
 *    channels, ReLU (computed by lookups, see `maskedCodeConv`);
 * 2. `residualBlocks` blocks `h + relu(1×1 conv(relu(mask-'B' conv(relu(1×1 conv(h))))))`: 1×1
 *    `filters → filters`, `residualKernelSize` mask `'B'` `filters → ⌈filters/2⌉`, 1×1 back to
 *    `filters`, each followed by ReLU;
 * 3. `outputLayers` 1×1 convolutions `filters → filters` with ReLU;
 * 4. a 1×1 convolution to `numCodes` logits per position.
 *
 * As in the original PixelCNN, stacked masked convolutions leave a blind spot: a position sees
 * the rows above only within a cone that widens by ⌊k/2⌋ columns per layer, so codes far to the
 * upper right are not visible (a wider `kernelSize` or more blocks shrink it).
 */
export interface PixelCnnConfig {
  /** Grid height H (rows). */
  height: number;
  /** Grid width W (columns). */
  width: number;
  /** K, the number of codes (classes per position). */
  numCodes: number;
  /** Channels of the hidden layers. Default 128. */
  filters?: number;
  /** Odd kernel size (≥ 3) of the mask-`'A'` layer. Default 7. */
  kernelSize?: number;
  /** Number of residual blocks. Default 2. */
  residualBlocks?: number;
  /** Odd kernel size of the mask-`'B'` convolution in each residual block. Default 3. */
  residualKernelSize?: number;
  /** Number of 1×1 ReLU layers before the logits. Default 2. */
  outputLayers?: number;
}

/** A {@link PixelCnnConfig} with every default filled in and every field validated. */
export interface ResolvedPixelCnnConfig {
  /** Always `'pixelcnn'` (identifies the model in saved files). */
  kind: 'pixelcnn';
  /** Grid height H (rows). */
  height: number;
  /** Grid width W (columns). */
  width: number;
  /** K, the number of codes (classes per position). */
  numCodes: number;
  /** Channels of the hidden layers (default 128). */
  filters: number;
  /** Odd kernel size (≥ 3) of the mask-`'A'` layer (default 7). */
  kernelSize: number;
  /** Number of residual blocks (default 2). */
  residualBlocks: number;
  /** Odd kernel size of the mask-`'B'` convolution in each residual block (default 3). */
  residualKernelSize: number;
  /** Number of 1×1 ReLU layers before the logits (default 2). */
  outputLayers: number;
}

const KEYS = [
  'kind',
  'height',
  'width',
  'numCodes',
  'filters',
  'kernelSize',
  'residualBlocks',
  'residualKernelSize',
  'outputLayers',
];

function odd(value: unknown, name: string, min: number): number {
  const k = checkInt(value, name, min);
  if (k % 2 === 0) throw new InvalidArgumentError(name, `must be odd, got ${k}`);
  return k;
}

/**
 * Validates a {@link PixelCnnConfig} and fills in the defaults. A resolved config (with `kind`)
 * is accepted too, so a config read back from a saved file resolves to itself.
 *
 * @param config - The configuration.
 * @returns The resolved configuration (a new object).
 * @throws {@link InvalidArgumentError} for a missing or non-positive size, an even kernel size, a
 *   negative layer count, `kernelSize` < 3, `numCodes` < 2, or a `kind` other than `'pixelcnn'`.
 * @throws {@link UnknownOptionError} for an unknown key.
 *
 * @example
 * ```ts
 * import { resolvePixelCnnConfig } from '@latentkit/models';
 *
 * const cfg = resolvePixelCnnConfig({ height: 7, width: 7, numCodes: 128 });
 * // → { kind: 'pixelcnn', height: 7, width: 7, numCodes: 128, filters, kernelSize, … defaults }
 * ```
 */
export function resolvePixelCnnConfig(
  config: PixelCnnConfig | ResolvedPixelCnnConfig,
): ResolvedPixelCnnConfig {
  if (config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('config', 'must be an object');
  }
  requireKnownOptions(config, KEYS, 'PixelCNN config');
  const kind = (config as { kind?: unknown }).kind;
  if (kind !== undefined && kind !== 'pixelcnn') {
    throw new InvalidArgumentError('kind', `must be 'pixelcnn', got ${String(kind)}`);
  }
  return {
    kind: 'pixelcnn',
    height: checkInt(config.height, 'height'),
    width: checkInt(config.width, 'width'),
    numCodes: checkInt(config.numCodes, 'numCodes', 2),
    filters: checkInt(config.filters ?? 128, 'filters'),
    kernelSize: odd(config.kernelSize ?? 7, 'kernelSize', 3),
    residualBlocks: checkInt(config.residualBlocks ?? 2, 'residualBlocks', 0),
    residualKernelSize: odd(config.residualKernelSize ?? 3, 'residualKernelSize', 1),
    outputLayers: checkInt(config.outputLayers ?? 2, 'outputLayers', 0),
  };
}
