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

// The assignment is computed inside a custom-gradient op so that argMin, equal and cast are not
// recorded on the gradient tape (they have no gradient); its gradient is zero by definition.
const assign = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const flat = args[0] as tf.Tensor;
  const codebook = args[1] as tf.Tensor;
  const k = codebook.shape[0]!;
  const idx = tf.argMin(squaredDistances(flat, codebook), 1);
  // Built by comparison, not tf.oneHot: tfjs-wasm 4.22's OneHot ignores dtype float32.
  const value = tf.cast(
    tf.equal(tf.reshape(idx, [-1, 1]), tf.reshape(tf.range(0, k, 1, 'int32'), [1, k])),
    'float32',
  );
  return {
    value,
    gradFunc: (_dy: tf.Tensor) => [tf.zerosLike(flat), tf.zerosLike(codebook)],
  };
});

/**
 * The nearest code (squared Euclidean distance, see {@link squaredDistances}) of every row.
 * Ties resolve to the lowest code index. The result carries no gradient (argmin is piecewise
 * constant); take `matMul(oneHot, codebook)` to look codes up differentiably in the codebook.
 *
 * @param flat - float32 `[N, D]` vectors.
 * @param codebook - float32 `[K, D]` codes (K < 2²⁴).
 * @throws {@link ShapeError} unless both are rank 2 with the same width D.
 * @throws {@link InvalidArgumentError} for non-float32 inputs.
 */
export function nearestCode(flat: tf.Tensor, codebook: tf.Tensor): NearestCode {
  check(flat, codebook);
  return tf.tidy(() => {
    const k = codebook.shape[0]!;
    const oneHot = assign(flat, codebook) as tf.Tensor2D;
    // The index as oneHot · [0, 1, …, K−1]ᵀ: exact in float32 for K < 2²⁴, and free of argMin on the tape.
    const iota = tf.reshape(tf.range(0, k, 1, 'float32'), [k, 1]);
    const indices = tf.cast(tf.reshape(tf.matMul(oneHot, iota), [-1]), 'int32') as tf.Tensor1D;
    return { oneHot, indices };
  });
}
