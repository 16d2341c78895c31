import {
  InvalidArgumentError,
  permutation,
  requireKnownOptions,
  type SeedLike,
  ShapeError,
  toRng,
} from '@latentkit/core';
import { checkFraction, checkInteger, checkSeedPresent } from '../internal/check-options.js';

/** Options of {@link trainValidationSplit}. */
export interface TrainValidationSplitOptions {
  /** Fraction of rows held out, strictly between 0 and 1. Required. */
  validationFraction: number;
  /** Seed or generator (not advanced) choosing the held-out rows. Required. */
  seed: SeedLike;
  /**
   * Class labels (one integer per row). When given, each class is split separately, so both parts
   * keep the class proportions (each class holds out `round(count × validationFraction)` rows).
   */
  stratify?: ArrayLike<number>;
}

/** Row indices of a split, each list sorted ascending. */
export interface IndexSplit {
  /** Rows for training. */
  train: Int32Array;
  /** Rows held out. */
  validation: Int32Array;
}

/**
 * Splits `0..n-1` into seeded training and validation (or test) index sets. Without `stratify`,
 * `round(n × validationFraction)` rows chosen by a seeded permutation are held out.
 *
 * @param n - Number of rows (integer ≥ 2).
 * @param options - See {@link TrainValidationSplitOptions}.
 * @returns Disjoint sorted index sets covering `0..n-1`.
 * @throws {@link InvalidArgumentError} for a fraction outside (0, 1), a missing seed, non-integer
 *   labels, or a split that would leave either part empty.
 * @throws {@link ShapeError} if `stratify.length !== n`.
 * @throws {@link UnknownOptionError} for an unknown option.
 *
 * @example
 * ```ts
 * import { trainValidationSplit } from '@latentkit/datasets';
 *
 * const labels = new Uint8Array(60000); // class of each row
 * const { train, validation } = trainValidationSplit(60000, {
 *   validationFraction: 0.1, seed: 1, stratify: labels,
 * }); // Int32Array(54000) and Int32Array(6000) of row indices, class proportions kept
 * ```
 */
export function trainValidationSplit(n: number, options: TrainValidationSplitOptions): IndexSplit {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object with validationFraction and seed');
  }
  requireKnownOptions(options, ['validationFraction', 'seed', 'stratify'], 'trainValidationSplit');
  checkInteger(n, 'n', 2, 2 ** 31 - 1);
  const fraction = checkFraction(options.validationFraction, 'validationFraction');
  checkSeedPresent(options.seed, 'seed');
  const rng = toRng(options.seed).fork('train-validation-split');
  const held = new Uint8Array(n);
  if (options.stratify === undefined) {
    const order = permutation(n, rng);
    const nVal = Math.round(n * fraction);
    for (let i = 0; i < nVal; i++) held[order[i]!] = 1;
  } else {
    const labels = options.stratify;
    if (labels.length !== n) {
      throw new ShapeError(
        `trainValidationSplit: stratify has ${labels.length} labels for ${n} rows`,
        [n],
        [labels.length],
      );
    }
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      if (!Number.isInteger(c)) {
        throw new InvalidArgumentError(
          'stratify',
          `label at position ${i} is not an integer: ${c}`,
        );
      }
      let members = byClass.get(c);
      if (members === undefined) {
        members = [];
        byClass.set(c, members);
      }
      members.push(i);
    }
    for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
      const members = byClass.get(c)!;
      const order = permutation(members.length, rng.fork(`class:${c}`));
      const nVal = Math.round(members.length * fraction);
      for (let k = 0; k < nVal; k++) held[members[order[k]!]!] = 1;
    }
  }
  let nVal = 0;
  for (let i = 0; i < n; i++) nVal += held[i]!;
  if (nVal === 0 || nVal === n) {
    throw new InvalidArgumentError(
      'validationFraction',
      `${fraction} of ${n} rows leaves ${nVal === 0 ? 'the validation' : 'the training'} set empty`,
    );
  }
  const train = new Int32Array(n - nVal);
  const validation = new Int32Array(nVal);
  let t = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (held[i]) validation[v++] = i;
    else train[t++] = i;
  }
  return { train, validation };
}
