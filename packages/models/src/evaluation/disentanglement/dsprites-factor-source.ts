import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkInt, sizeOf } from '../../internal/check.js';
import type { Model } from '../../model/model.js';
import type { FactorSource } from './factor-source.js';
import { modelFactorSource } from './model-factor-source.js';

/**
 * The shape of `@latentkit/datasets`' `renderDsprites`: binary images (0/1),
 * `Uint8Array [indices.length × resolution × resolution]`, for image indices in the original
 * dSprites order.
 */
export type DspritesRenderer = (
  indices: ArrayLike<number>,
  options: { resolution?: number },
) => Uint8Array;

/** Options of {@link dspritesFactorSource}. */
export interface DspritesFactorSourceOptions {
  /**
   * `renderDsprites` from `@latentkit/datasets` (injected, so that `@latentkit/models` has no
   * runtime dependency on the data sets package).
   */
  renderDsprites: DspritesRenderer;
  /** Image side in pixels; `model.inputShape` must hold resolution² values. Default 64. */
  resolution?: number;
  /** Images rendered and encoded per forward pass. Default 256. */
  batchSize?: number;
}

// dSprites' five factors as in disentanglement_lib (colour, constant, excluded): shape, scale,
// orientation, posX, posY — the order and sizes of @latentkit/datasets' DSPRITES_FACTOR_SIZES
// (the adapter's test checks they agree).
const SIZES = [3, 6, 40, 32, 32] as const;

/**
 * A {@link FactorSource} for procedural dSprites: factor classes (shape 3, scale 6,
 * orientation 40, posX 32, posY 32, drawn uniformly) are turned into image indices
 * `(((shape·6 + scale)·40 + orientation)·32 + posX)·32 + posY`, rendered by the injected
 * `renderDsprites` at `resolution` as 0/1 floats, and encoded to the model's posterior mean
 * (see {@link modelFactorSource}).
 *
 * @example
 * ```ts
 * import { renderDsprites } from '@latentkit/datasets';
 * import { computeMig, dspritesFactorSource } from '@latentkit/models';
 * const source = dspritesFactorSource(model, { renderDsprites, resolution: 64 });
 * const { mig } = await computeMig(source, { seed: 0 });
 * ```
 *
 * @param model - An AE or VAE whose input holds `resolution²` values (`[R·R]` or `[R, R, 1]`).
 * @param options - See {@link DspritesFactorSourceOptions}.
 * @throws {@link InvalidArgumentError} for a missing renderer, a CVAE, or an input shape that
 *   does not match the resolution.
 */
export function dspritesFactorSource(
  model: Model,
  options: DspritesFactorSourceOptions,
): FactorSource {
  requireKnownOptions(
    options,
    ['renderDsprites', 'resolution', 'batchSize'],
    'dspritesFactorSource options',
  );
  const render = options?.renderDsprites;
  if (typeof render !== 'function') {
    throw new InvalidArgumentError(
      'renderDsprites',
      "must be renderDsprites from '@latentkit/datasets'",
    );
  }
  const resolution = checkInt(options.resolution ?? 64, 'resolution', 8, 512);
  if (sizeOf(model.inputShape) !== resolution * resolution) {
    throw new InvalidArgumentError(
      'resolution',
      `${resolution}² = ${resolution * resolution} pixels do not fit inputShape [${model.inputShape.join(', ')}]`,
    );
  }
  const f = SIZES.length;
  return modelFactorSource(model, {
    factorSizes: SIZES,
    batchSize: options.batchSize ?? 256,
    render(factors, n) {
      const indices = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let index = 0;
        for (let j = 0; j < f; j++) index = index * SIZES[j]! + factors[i * f + j]!;
        indices[i] = index;
      }
      return Float32Array.from(render(indices, { resolution }));
    },
  });
}
