import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { type BatchOptions, indexBatches } from '../batching/batch-iterator.js';
import {
  DSPRITES_COUNT,
  DSPRITES_FACTOR_NAMES,
  DSPRITES_FACTOR_VALUES,
  dspritesFactorsFromIndex,
} from './dsprites-factors.js';
import { checkResolution, type RenderDspriteOptions, renderDsprites } from './render-dsprite.js';

/** A batch of dSprites images with their factors. */
export interface DspritesBatch {
  /** The image indices. */
  indices: Int32Array;
  /** Binary images, `Uint8Array` of 0/1, `[batch, resolution, resolution]` row-major. */
  images: Uint8Array;
  /** Factor classes, `[batch, 5]` row-major, columns shape, scale, orientation, posX, posY. */
  factors: Int32Array;
  /**
   * Factor values, `[batch, 5]` row-major, same columns; the shape column holds 1, 2, 3 (square,
   * ellipse, heart) as in the original `latents_values`, orientation is in radians.
   */
  values: Float32Array;
  /** Image side in pixels. */
  resolution: number;
}

/**
 * Renders the given dSprites images and their factor labels.
 *
 * @param indices - Image indices in `[0, 737280)`.
 * @param options - See {@link RenderDspriteOptions}.
 * @throws {@link InvalidArgumentError} for a bad index or resolution.
 *
 * @example
 * ```ts
 * import { dspritesBatch } from '@latentkit/datasets';
 *
 * const { images, factors, values } = dspritesBatch([0, 1, 737279]);
 * // images: Uint8Array(3 · 64 · 64) of 0/1; factors: Int32Array(3 · 5) classes; values: their values
 * ```
 */
export function dspritesBatch(
  indices: ArrayLike<number>,
  options: RenderDspriteOptions = {},
): DspritesBatch {
  const resolution = checkResolution(options);
  const images = renderDsprites(indices, { resolution });
  const ids = Int32Array.from(indices);
  const factors = new Int32Array(ids.length * 5);
  const values = new Float32Array(ids.length * 5);
  for (let b = 0; b < ids.length; b++) {
    const f = dspritesFactorsFromIndex(ids[b]!);
    DSPRITES_FACTOR_NAMES.forEach((name, k) => {
      factors[b * 5 + k] = f[name];
      values[b * 5 + k] = name === 'shape' ? f.shape + 1 : DSPRITES_FACTOR_VALUES[name][f[name]]!;
    });
  }
  return { indices: ids, images, factors, values, resolution };
}

/** Options of {@link dspritesBatches}. */
export interface DspritesBatchesOptions extends BatchOptions, RenderDspriteOptions {
  /** Restrict to these image indices (e.g. a held-out subset). Default all 737,280. */
  subset?: ArrayLike<number>;
}

/**
 * Iterates one epoch of dSprites in seeded shuffled mini-batches, rendering each batch on demand
 * (at most one batch of images is in memory).
 *
 * @param options - Batch options (see {@link BatchOptions}: `batchSize`, `seed`, `epoch`, `shuffle`,
 *   `dropLast`), `resolution` and an optional `subset` of indices.
 * @throws {@link InvalidArgumentError} / {@link UnknownOptionError} for bad options (an unknown
 *   key included), when the first batch is requested.
 *
 * @example
 * ```ts
 * import { dspritesBatches } from '@latentkit/datasets';
 *
 * for (const batch of dspritesBatches({ batchSize: 64, seed: 1, epoch: 0, resolution: 32 })) {
 *   // batch.images: Uint8Array(64 · 32 · 32), rendered on demand; batch.factors: Int32Array(64 · 5)
 * }
 * ```
 */
export function* dspritesBatches(options: DspritesBatchesOptions): Generator<DspritesBatch> {
  requireKnownOptions(
    options,
    ['subset', 'batchSize', 'shuffle', 'seed', 'epoch', 'dropLast', 'resolution'],
    'dspritesBatches options',
  );
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object with at least batchSize');
  }
  const { resolution, subset, ...batchOptions } = options;
  const render = resolution === undefined ? {} : { resolution };
  checkResolution(render);
  const n = subset === undefined ? DSPRITES_COUNT : subset.length;
  for (const positions of indexBatches(n, batchOptions)) {
    const indices =
      subset === undefined ? positions : Int32Array.from(positions, (p) => subset[p]!);
    yield dspritesBatch(indices, render);
  }
}
