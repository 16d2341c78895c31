import {
  createRng,
  klStandardNormalPerDim,
  randomNormal,
  reparameterizeWithNoise,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import type { Labels, LossTerms, Model } from '../../model/model.js';

/** Where a shard sits in its batch (see {@link shardLossTerms}). */
export interface ShardPosition {
  /** Labels of the shard's rows (CVAE). */
  labels?: Labels;
  /** The batch's ε seed (`StepBatch.epsSeed`). */
  epsSeed: number;
  /** Index of the shard's first row in the batch. */
  offset: number;
  /** Rows in the whole batch. */
  total: number;
}

/**
 * `model.lossTerms` for rows `[offset, offset + n)` of a batch of `total` rows: the same
 * operations, except that ε is the matching rows of the whole batch's `[total, latentDim]` draw
 * from `epsSeed`. So the shards of a batch together see exactly the ε of the unsplit batch, and
 * a single shard (`offset` 0, `total` n) gives the numbers of `model.lossTerms(x, { seed })`.
 *
 * @param model - The model.
 * @param x - The shard, `[n, ...inputShape]`.
 * @param position - See {@link ShardPosition}.
 * @throws {@link ShapeError} when the shard does not fit in the batch.
 */
export function shardLossTerms(model: Model, x: tf.Tensor, position: ShardPosition): LossTerms {
  const n = x.shape[0]!;
  const { offset, total, labels } = position;
  if (offset < 0 || offset + n > total) {
    throw new ShapeError(`shard rows [${offset}, ${offset + n}) outside a batch of ${total}`, [
      total,
    ]);
  }
  return tf.tidy((): LossTerms => {
    const { mu, logVar } = model.encode(x, labels);
    if (!logVar) {
      const recon = tf.neg(model.logLikelihood(x, mu, labels));
      return { recon, kl: undefined, klPerDim: undefined, mu, logVar, z: mu };
    }
    const d = model.latentDim;
    const all = randomNormal([total, d], createRng(position.epsSeed));
    const eps = n === total ? all : tf.slice(all, [offset, 0], [n, d]);
    // `reparameterize` from @latentkit/tensor draws the whole batch's ε; a shard takes its rows.
    const z = reparameterizeWithNoise(mu, logVar, eps);
    const klPerDim = klStandardNormalPerDim(mu, logVar);
    return {
      recon: tf.neg(model.logLikelihood(x, z, labels)),
      kl: tf.sum(klPerDim, 1),
      klPerDim,
      mu,
      logVar,
      z,
    };
  });
}
