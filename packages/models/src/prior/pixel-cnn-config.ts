import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkInt } from '../internal/check.js';

/**
 * Plain-data description of a PixelCNN prior over an `height × width` grid of codes in
 * `[0, numCodes)`: JSON-serializable, stored with saved weights. The network (Keras's VQ-VAE
 * example, van den Oord et al. 2016):
 *
 * 1. a mask-`'A'` convolution of the one-hot codes (`[N, H, W, K]`), `kernelSize` rows by
 *    `kernelWidth` columns, `filters` channels, ReLU (computed by lookups, see `maskedCodeConv`);
 * 2. `residualBlocks` blocks `h + relu(1×1 conv(relu(mask-'B' conv(relu(1×1 conv(h))))))`: 1×1
 *    `filters → filters`, `residualKernelSize` mask `'B'` `filters → ⌈filters/2⌉`, 1×1 back to
 *    `filters`, each followed by ReLU;
 * 3. `outputLayers` 1×1 convolutions `filters → filters` with ReLU;
 * 4. a 1×1 convolution to `numCodes` logits per position.
 *
 * As in the original PixelCNN, stacked masked convolutions leave a blind spot. A mask-`'B'` layer
 * never looks right within its own row, and the hidden state at a position does not hold that
 * position's own code, so in the row just above a position sees only ⌊kernelWidth/2⌋ columns to
 * its right, however many blocks follow; farther rows are seen within a cone that widens with each
 * block. With `kernelWidth ≥ 2·width − 1` the first layer sees the whole row above and the whole
 * row to the left, and each block then adds ⌊residualKernelSize/2⌋ whole rows: with
 * `⌈(height − 1 − ⌊kernelSize/2⌋) / ⌊residualKernelSize/2⌋⌉` blocks (or more) every position
 * sees every earlier position (no blind spot).
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
  /** Odd kernel size (≥ 3) of the mask-`'A'` layer: its height, and its width unless `kernelWidth` is given. Default 7. */
  kernelSize?: number;
  /**
   * Odd width of the mask-`'A'` kernel (columns), when it should differ from `kernelSize`: a
   * short, wide kernel (e.g. 3 × 13 on a 7-wide grid) sees the whole row above. Default
   * `kernelSize`.
   */
  kernelWidth?: number;
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
  /** Odd kernel size (≥ 3) of the mask-`'A'` layer: its height (default 7). */
  kernelSize: number;
  /** Odd width of the mask-`'A'` kernel (default `kernelSize`). */
  kernelWidth: number;
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
  'kernelWidth',
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
 *   negative layer count, `kernelSize` or `kernelWidth` < 3, `numCodes` < 2, or a `kind` other than `'pixelcnn'`.
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
  const kernelSize = odd(config.kernelSize ?? 7, 'kernelSize', 3);
  return {
    kind: 'pixelcnn',
    height: checkInt(config.height, 'height'),
    width: checkInt(config.width, 'width'),
    numCodes: checkInt(config.numCodes, 'numCodes', 2),
    filters: checkInt(config.filters ?? 128, 'filters'),
    kernelSize,
    kernelWidth: odd(config.kernelWidth ?? kernelSize, 'kernelWidth', 3),
    residualBlocks: checkInt(config.residualBlocks ?? 2, 'residualBlocks', 0),
    residualKernelSize: odd(config.residualKernelSize ?? 3, 'residualKernelSize', 1),
    outputLayers: checkInt(config.outputLayers ?? 2, 'outputLayers', 0),
  };
}
