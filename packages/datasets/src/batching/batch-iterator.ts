import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, type SeedLike, ShapeError, tf } from '@latentkit/tensor';
import { checkInteger } from '../internal/check-options.js';
import { isNumericArray, type NumericArray } from '../internal/typed-array.js';
import { epochPermutation } from './epoch-permutation.js';
import { gatherRows, type PlainArrayOf } from './gather-rows.js';

/** Options of {@link indexBatches} and {@link batchIterator}. */
export interface BatchOptions {
  /** Rows per batch (integer ≥ 1). Required. */
  batchSize: number;
  /**
   * Visit rows in a seeded random order ({@link epochPermutation} of `(seed, epoch)`). Default
   * `true`, which requires `seed`; set `false` to visit rows in order.
   */
  shuffle?: boolean;
  /** Seed or generator for the shuffle (required when shuffling). */
  seed?: SeedLike;
  /** Epoch number: each epoch has its own order. Default 0. */
  epoch?: number;
  /** Drop the last batch if it is smaller than `batchSize`. Default `false`. */
  dropLast?: boolean;
}

const BATCH_OPTION_KEYS = ['batchSize', 'shuffle', 'seed', 'epoch', 'dropLast'] as const;

/**
 * Yields the row indices of each batch of one epoch over `n` rows: a seeded shuffle (or the
 * natural order) cut into consecutive batches of `batchSize`; the last one is smaller unless
 * `dropLast`. Every row appears exactly once per epoch (except dropped ones).
 *
 * @param n - Number of rows (integer ≥ 0).
 * @param options - See {@link BatchOptions}.
 * @throws {@link InvalidArgumentError} for a bad `n`, `batchSize`, `epoch`, or shuffling without
 *   a seed; {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { indexBatches } from '@latentkit/datasets';
 *
 * for (const indices of indexBatches(60000, { batchSize: 128, seed: 1, epoch: 0 })) {
 *   // indices: Int32Array(128) of row numbers (the last batch holds 60000 mod 128 = 96)
 * }
 * ```
 */
export function* indexBatches(n: number, options: BatchOptions): Generator<Int32Array> {
  const order = epochOrder(n, options);
  const batchSize = options.batchSize;
  const end = options.dropLast ? order.length - (order.length % batchSize) : order.length;
  for (let start = 0; start < end; start += batchSize) {
    yield order.slice(start, Math.min(start + batchSize, end));
  }
}

function epochOrder(n: number, options: BatchOptions): Int32Array {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object with at least batchSize');
  }
  requireKnownOptions(options, BATCH_OPTION_KEYS, 'batch');
  checkInteger(n, 'n', 0, 2 ** 31 - 1);
  checkInteger(options.batchSize, 'batchSize', 1, 2 ** 31 - 1);
  const epoch = checkInteger(options.epoch ?? 0, 'epoch', 0, Number.MAX_SAFE_INTEGER);
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== 'boolean') throw new InvalidArgumentError('shuffle', 'must be a boolean');
  if (options.dropLast !== undefined && typeof options.dropLast !== 'boolean') {
    throw new InvalidArgumentError('dropLast', 'must be a boolean');
  }
  if (!shuffle) return Int32Array.from({ length: n }, (_, i) => i);
  if (options.seed === undefined) {
    throw new InvalidArgumentError(
      'seed',
      'shuffling needs a seed (every random choice is seeded); pass seed, or shuffle: false',
    );
  }
  return epochPermutation(n, options.seed, epoch);
}

/** A row-major matrix stored flat in a typed array: `[data.length / rowSize, rowSize]`. */
export interface RowArray<T extends NumericArray = NumericArray> {
  /** The elements, row-major. */
  data: T;
  /** Elements per row. */
  rowSize: number;
}

/**
 * What {@link batchIterator} can batch: a tensor (rows along axis 0), a typed array (one element
 * per row, e.g. labels) or a {@link RowArray} (e.g. `{ data: split.images, rowSize: 784 }`).
 */
export type BatchSource = tf.Tensor | NumericArray | RowArray;

/** The batch type for each source: tensors stay tensors, arrays become plain typed arrays. */
export type BatchOf<S extends Record<string, BatchSource>> = {
  [K in keyof S]: S[K] extends tf.Tensor
    ? tf.Tensor
    : S[K] extends RowArray<infer T>
      ? PlainArrayOf<T>
      : S[K] extends NumericArray
        ? PlainArrayOf<S[K]>
        : never;
};

/** One batch from {@link batchIterator}. */
export interface Batch<S extends Record<string, BatchSource>> {
  /** The row indices in this batch (into the full sources). */
  indices: Int32Array;
  /** The rows of each source, in the order of `indices`. */
  data: BatchOf<S>;
}

/**
 * Iterates one epoch of aligned mini-batches over several sources with the same number of rows
 * (e.g. images and labels), in a seeded shuffled order (see {@link indexBatches}).
 *
 * Typed-array sources yield new typed arrays (`[batch, rowSize]` row-major). Tensor sources yield
 * new tensors gathered along axis 0 — **the caller must dispose them** (or iterate inside
 * `tf.tidy`-managed code).
 *
 * @param sources - Named sources, all with the same row count.
 * @param options - See {@link BatchOptions}.
 * @throws {@link ShapeError} if the sources have different row counts, a `RowArray`'s length is
 *   not a multiple of its `rowSize`, or a tensor is a scalar.
 * @throws {@link InvalidArgumentError} / {@link UnknownOptionError} for bad options.
 *
 * @example
 * ```ts
 * import { batchIterator } from '@latentkit/datasets';
 *
 * for (const { data } of batchIterator(
 *   { x: { data: mnist.train.images, rowSize: 784 }, y: mnist.train.labels },
 *   { batchSize: 128, seed: 1, epoch },
 * )) {
 *   // data.x: Uint8Array [≤128 × 784], data.y: Uint8Array [≤128]
 * }
 * ```
 */
export function* batchIterator<S extends Record<string, BatchSource>>(
  sources: S,
  options: BatchOptions,
): Generator<Batch<S>> {
  if (sources === null || typeof sources !== 'object' || Object.keys(sources).length === 0) {
    throw new InvalidArgumentError('sources', 'must be an object with at least one source');
  }
  let n: number | undefined;
  let first = '';
  for (const [name, source] of Object.entries(sources)) {
    const rows = rowCount(source, name);
    if (n === undefined) {
      n = rows;
      first = name;
    } else if (rows !== n) {
      throw new ShapeError(
        `batchIterator: source '${name}' has ${rows} rows but '${first}' has ${n}`,
        [n],
        [rows],
      );
    }
  }
  for (const indices of indexBatches(n!, options)) {
    const data: Record<string, unknown> = {};
    for (const [name, source] of Object.entries(sources)) {
      data[name] = takeRows(source, indices);
    }
    yield { indices, data: data as BatchOf<S> };
  }
}

function rowCount(source: BatchSource, name: string): number {
  if (source instanceof tf.Tensor) {
    if (source.rank === 0) {
      throw new ShapeError(`batchIterator: source '${name}' is a scalar tensor`, [null], []);
    }
    return source.shape[0]!;
  }
  if (isNumericArray(source)) return source.length;
  if (source !== null && typeof source === 'object' && isNumericArray(source.data)) {
    checkInteger(source.rowSize, `${name}.rowSize`, 1, Number.MAX_SAFE_INTEGER);
    if (source.data.length % source.rowSize !== 0) {
      throw new ShapeError(
        `batchIterator: source '${name}' has ${source.data.length} elements, not a multiple of rowSize ${source.rowSize}`,
        [null, source.rowSize],
        [source.data.length],
      );
    }
    return source.data.length / source.rowSize;
  }
  throw new InvalidArgumentError(
    `sources.${name}`,
    'must be a tensor, a numeric typed array or { data, rowSize }',
  );
}

function takeRows(source: BatchSource, indices: Int32Array): unknown {
  if (source instanceof tf.Tensor) {
    return tf.tidy(() => tf.gather(source, tf.tensor1d(indices, 'int32'), 0));
  }
  if (isNumericArray(source)) return gatherRows(source, 1, indices);
  return gatherRows(source.data, source.rowSize, indices);
}
