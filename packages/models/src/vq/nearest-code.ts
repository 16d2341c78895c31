import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';

/** What {@link nearestCode} returns; the caller owns (and disposes) both tensors. */
export interface NearestCode {
  /** float32 `[N, K]`: row n is the one-hot vector of row n's nearest code. No gradient flows through it. */
  oneHot: tf.Tensor2D;
  /** int32 `[N]`: index of the nearest code of each row (ties → the lowest index). */
  indices: tf.Tensor1D;
}

function check(flat: tf.Tensor, codebook: tf.Tensor): void {
  for (const [t, name] of [
    [flat, 'flat'],
    [codebook, 'codebook'],
  ] as const) {
    if (!(t instanceof tf.Tensor) || t.dtype !== 'float32') {
      throw new InvalidArgumentError(name, 'must be a float32 tf.Tensor');
    }
    if (t.rank !== 2) {
      throw new ShapeError(`${name} must have rank 2, got shape [${t.shape.join(', ')}]`, [
        null,
        null,
      ]);
    }
  }
  if (flat.shape[1] !== codebook.shape[1]) {
    throw new ShapeError(
      `flat [${flat.shape.join(', ')}] and codebook [${codebook.shape.join(', ')}] differ in width`,
      [null, codebook.shape[1]!],
      flat.shape,
    );
  }
}

/**
 * Squared Euclidean distances between rows and codes, ‖z‖² − 2·z·eᵀ + ‖e‖², with one matrix
 * product (the codebook is transposed explicitly: transposed-product flags are slow on wasm).
 *
 * @param flat - float32 `[N, D]` vectors.
 * @param codebook - float32 `[K, D]` codes.
 * @returns float32 `[N, K]` squared distances (may be slightly negative from rounding).
 * @throws {@link ShapeError} unless both are rank 2 with the same width D.
 * @throws {@link InvalidArgumentError} for non-float32 inputs.
 *
 * @example
 * ```ts
 * import { squaredDistances } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * squaredDistances(tf.tensor2d([[1, 1]]), tf.tensor2d([[0, 0], [1, 2]])); // → [[2, 1]] ([N, K])
 * ```
 */
export function squaredDistances(flat: tf.Tensor, codebook: tf.Tensor): tf.Tensor2D {
  check(flat, codebook);
  return tf.tidy(() => {
    const zz = tf.sum(tf.square(flat), 1, true);
    const ee = tf.reshape(tf.sum(tf.square(codebook), 1), [1, -1]);
    const dot = tf.matMul(flat, tf.transpose(codebook));
    return tf.add(tf.sub(zz, tf.mul(dot, 2)), ee) as tf.Tensor2D;
  });
}

/**
 * Scores whose row-wise argmin is the nearest code: ‖e‖² − 2·z·eᵀ (the squared distance without
 * the row constant ‖z‖²), as ONE matrix product [z, 1]·[−2·eᵀ; ‖e‖²], so no `[N, K]` elementwise
 * pass follows the product (on wasm each such pass costs about as much as the product).
 */
function codeScores(flat: tf.Tensor, codebook: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const right = tf.concat(
      [tf.mul(tf.transpose(codebook), -2), tf.reshape(tf.sum(tf.square(codebook), 1), [1, -1])],
      0,
    );
    // tf.pad with 1 appends the column of ones (wasm's Concat along axis 1 is ~3× slower).
    const padding: [number, number][] = [
      [0, 0],
      [0, 1],
    ];
    return tf.matMul(tf.pad(flat, padding, 1), right) as tf.Tensor2D;
  });
}

/**
 * The nearest-code assignment without any gradient bookkeeping: call it only where nothing is
 * recorded on a gradient tape (inside a custom-gradient op, as {@link nearestCode} and the
 * codebook quantizers do). Internal; checks nothing.
 */
export function assignCodes(flat: tf.Tensor, codebook: tf.Tensor): NearestCode {
  return tf.tidy(() => {
    const indices = tf.argMin(codeScores(flat, codebook), 1) as tf.Tensor1D;
    // tf.oneHot, then a cast: tfjs-wasm 4.22's OneHot ignores dtype float32. (A broadcast
    // tf.equal against a range, the other way to build it, takes ~150 ms here on wasm.)
    const oneHot = tf.cast(tf.oneHot(indices, codebook.shape[0]!), 'float32') as tf.Tensor2D;
    return { oneHot, indices };
  });
}

/**
 * The nearest code (squared Euclidean distance, see {@link squaredDistances}) of every row.
 * Ties resolve to the lowest code index. The result carries no gradient (argmin is piecewise
 * constant); take `matMul(oneHot, codebook)` to look codes up differentiably in the codebook.
 *
 * Cost: one `[N, D+1]×[D+1, K]` product (‖z‖², constant per row, is left out of the scores), one
 * argMin and one one-hot expansion.
 *
 * @param flat - float32 `[N, D]` vectors.
 * @param codebook - float32 `[K, D]` codes (K < 2²⁴).
 * @throws {@link ShapeError} unless both are rank 2 with the same width D.
 * @throws {@link InvalidArgumentError} for non-float32 inputs.
 *
 * @example
 * ```ts
 * import { nearestCode } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const codebook = tf.tensor2d([[0, 0], [1, 1]]); // [K = 2, D = 2]
 * const { indices, oneHot } = nearestCode(tf.tensor2d([[0.9, 0.8], [0.1, 0]]), codebook);
 * // indices: [1, 0] (int32); oneHot: [2, 2]
 * ```
 */
export function nearestCode(flat: tf.Tensor, codebook: tf.Tensor): NearestCode {
  check(flat, codebook);
  let indices: tf.Tensor1D | undefined;
  // The assignment runs inside a custom-gradient op so that argMin and the one-hot expansion are
  // not recorded on the gradient tape (they have no gradient; the op's gradient is zero). The op
  // can return one tensor only, so the int32 indices leave through this closure (kept past the
  // op's own tidy, then handed to the enclosing scope below).
  const assign = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const f = args[0] as tf.Tensor;
    const c = args[1] as tf.Tensor;
    const out = assignCodes(f, c);
    indices = tf.keep(out.indices);
    return {
      value: out.oneHot,
      gradFunc: (_dy: tf.Tensor) => [tf.zerosLike(f), tf.zerosLike(c)],
    };
  });
  return tf.tidy(() => {
    try {
      const oneHot = assign(flat, codebook) as tf.Tensor2D;
      return { oneHot, indices: tf.clone(indices!) }; // the clone shares the data; scope-tracked
    } finally {
      indices?.dispose();
    }
  });
}
