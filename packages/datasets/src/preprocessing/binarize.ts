import {
  InvalidArgumentError,
  NonFiniteError,
  type Rng,
  requireKnownOptions,
  type SeedLike,
  ShapeError,
  toRng,
} from '@latentkit/core';
import { checkInteger, checkSeedPresent } from '../internal/check-options.js';

/**
 * Grey levels to binarize: `Uint8Array` levels 0–255 (probability of a 1 = level / 255), or
 * `Float32Array` / `Float64Array` intensities already in [0, 1].
 */
export type GreyLevels = Uint8Array | Float32Array | Float64Array;

/** Options of {@link binarizeThreshold}. */
export interface ThresholdOptions {
  /** A pixel becomes 1 when its intensity (level / 255 for bytes) is > threshold. Default 0.5. */
  threshold?: number;
}

/**
 * Static deterministic binarization: 1 where the intensity exceeds a threshold, else 0.
 *
 * @param grey - Grey levels (see {@link GreyLevels}).
 * @param options - See {@link ThresholdOptions}.
 * @returns A new `Uint8Array` of 0/1, same length.
 * @throws {@link InvalidArgumentError} for a threshold outside [0, 1] or float input outside [0, 1];
 *   {@link NonFiniteError} for NaN input.
 *
 * @example
 * ```ts
 * import { binarizeThreshold } from '@latentkit/datasets';
 *
 * binarizeThreshold(new Uint8Array([0, 127, 128, 255])); // → Uint8Array [0, 0, 1, 1] (> 0.5)
 * binarizeThreshold(new Float32Array([0.1, 0.3]), { threshold: 0.2 }); // → Uint8Array [0, 1]
 * ```
 */
export function binarizeThreshold(grey: GreyLevels, options: ThresholdOptions = {}): Uint8Array {
  requireKnownOptions(options, ['threshold'], 'binarizeThreshold');
  const threshold = options.threshold ?? 0.5;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError('threshold', `must be in [0, 1], got ${String(threshold)}`);
  }
  checkGrey(grey);
  const out = new Uint8Array(grey.length);
  const scale = grey instanceof Uint8Array ? 1 / 255 : 1;
  for (let i = 0; i < grey.length; i++) out[i] = grey[i]! * scale > threshold ? 1 : 0;
  return out;
}

/** Options of {@link binarizeSample}. */
export interface SampleBinarizationOptions {
  /** Seed or generator (not advanced). Required. */
  seed: SeedLike;
  /** Elements per row (image). Default: the whole array is one row. */
  rowSize?: number;
  /**
   * The global id of each row (e.g. the image's index in the dataset), so that a row's sample does
   * not depend on which other rows are binarized with it. Default `0, 1, 2, …`.
   */
  rowIds?: ArrayLike<number>;
}

/**
 * Static stochastic binarization: each pixel is an independent Bernoulli draw with probability
 * equal to its intensity, drawn once from `seed` (call it once and keep the result — the "fixed
 * binarization" used in the VAE literature). Row `r` uses a generator forked from `seed` by its id,
 * so the same `(seed, rowId)` always gives the same binary image.
 *
 * @param grey - Grey levels (see {@link GreyLevels}).
 * @param options - See {@link SampleBinarizationOptions}.
 * @returns A new `Uint8Array` of 0/1, same length.
 * @throws {@link InvalidArgumentError} / {@link NonFiniteError} for bad input, {@link ShapeError}
 *   if the length is not `rowIds.length × rowSize`.
 *
 * @example
 * ```ts
 * import { binarizeSample } from '@latentkit/datasets';
 *
 * const grey = new Uint8Array([0, 128, 255, 255]); // intensities 0, ~0.5, 1, 1
 * const bits = binarizeSample(grey, { seed: 1 }); // Uint8Array(4) of 0/1, P(1) = intensity, fixed
 * ```
 */
export function binarizeSample(grey: GreyLevels, options: SampleBinarizationOptions): Uint8Array {
  requireKnownOptions(options, ['seed', 'rowSize', 'rowIds'], 'binarizeSample');
  checkSeedPresent(options?.seed, 'seed');
  return bernoulliRows(grey, options, toRng(options.seed).fork('static-binarization'));
}

/** Options of {@link dynamicBinarize}. */
export interface DynamicBinarizationOptions extends SampleBinarizationOptions {
  /** Epoch number (integer ≥ 0): each epoch draws a new sample. Required. */
  epoch: number;
}

/**
 * Dynamic binarization: a fresh Bernoulli sample (probability = intensity) for every epoch, seeded
 * by `(seed, epoch, rowId)`: reproducible, different across epochs and seeds, and independent of
 * batch composition when `rowIds` are the rows' dataset indices. Its expected value is the
 * grey-level intensity, so averaged over pixels and epochs it matches the grey-level mean.
 *
 * @param grey - Grey levels of a batch (see {@link GreyLevels}).
 * @param options - See {@link DynamicBinarizationOptions}.
 * @returns A new `Uint8Array` of 0/1, same length.
 * @throws {@link InvalidArgumentError} for a bad epoch, seed or input; {@link ShapeError} for a
 *   length mismatch.
 *
 * @example
 * ```ts
 * import { batchIterator, dynamicBinarize } from '@latentkit/datasets';
 *
 * const images = new Uint8Array(1000 * 784); // 1000 MNIST images, grey levels 0–255
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   const batches = batchIterator({ x: { data: images, rowSize: 784 } }, { batchSize: 100, seed: 1, epoch });
 *   for (const { indices, data } of batches) {
 *     // data.x: Uint8Array(100 · 784) → a fresh 0/1 sample per epoch, same length
 *     const xBin = dynamicBinarize(data.x, { seed: 7, epoch, rowSize: 784, rowIds: indices });
 *   }
 * }
 * ```
 */
export function dynamicBinarize(grey: GreyLevels, options: DynamicBinarizationOptions): Uint8Array {
  requireKnownOptions(options, ['seed', 'rowSize', 'rowIds', 'epoch'], 'dynamicBinarize');
  checkSeedPresent(options?.seed, 'seed');
  const epoch = checkInteger(options.epoch, 'epoch', 0, Number.MAX_SAFE_INTEGER);
  const base = toRng(options.seed).fork('dynamic-binarization').fork(epoch);
  return bernoulliRows(grey, options, base);
}

function bernoulliRows(
  grey: GreyLevels,
  options: SampleBinarizationOptions,
  base: Rng,
): Uint8Array {
  checkGrey(grey);
  const rowSize = checkInteger(options.rowSize ?? Math.max(grey.length, 1), 'rowSize', 1, 2 ** 53);
  if (grey.length % rowSize !== 0) {
    throw new ShapeError(
      `binarize: length ${grey.length} is not a multiple of rowSize ${rowSize}`,
      [null, rowSize],
      [grey.length],
    );
  }
  const numRows = grey.length / rowSize;
  const ids = options.rowIds;
  if (ids !== undefined && ids.length !== numRows) {
    throw new ShapeError(
      `binarize: ${ids.length} rowIds for ${numRows} rows`,
      [numRows],
      [ids.length],
    );
  }
  const out = new Uint8Array(grey.length);
  const isBytes = grey instanceof Uint8Array;
  for (let r = 0; r < numRows; r++) {
    const id = ids === undefined ? r : ids[r]!;
    if (!Number.isInteger(id))
      throw new InvalidArgumentError('rowIds', `id ${id} is not an integer`);
    const rng = base.fork(id);
    const start = r * rowSize;
    const end = start + rowSize;
    if (isBytes) {
      // 1 iff u < level/255 with u uniform on 32-bit integers: probability level/255 (to 2⁻³²).
      for (let i = start; i < end; i++) {
        out[i] = rng.nextUint32() < BYTE_THRESHOLDS[grey[i]!]! ? 1 : 0;
      }
    } else {
      for (let i = start; i < end; i++) out[i] = rng.next() < grey[i]! ? 1 : 0;
    }
  }
  return out;
}

const BYTE_THRESHOLDS = Float64Array.from({ length: 256 }, (_, v) => (v / 255) * 4294967296);

function checkGrey(grey: GreyLevels): void {
  if (grey instanceof Uint8Array) return;
  if (!(grey instanceof Float32Array || grey instanceof Float64Array)) {
    throw new InvalidArgumentError('grey', 'must be a Uint8Array, Float32Array or Float64Array');
  }
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    if (Number.isNaN(v)) throw new NonFiniteError('grey', `element ${i} is NaN`);
    if (v < 0 || v > 1) {
      throw new InvalidArgumentError(
        'grey',
        `float intensities must be in [0, 1]; element ${i} is ${v}`,
      );
    }
  }
}
