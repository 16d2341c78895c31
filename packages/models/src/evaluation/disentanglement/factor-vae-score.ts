import {
  InvalidArgumentError,
  type Rng,
  requireKnownOptions,
  type SeedLike,
  toRng,
} from '@latentkit/core';
import { checkInt, checkNumber } from '../../internal/check.js';
import type { FactorSource } from './factor-source.js';
import { type CheckedFactorSource, checkFactorSource } from './factor-source-access.js';

/** Options of {@link factorVaeScore}; defaults are disentanglement_lib's `factor_vae_metric`. */
export interface FactorVaeScoreOptions {
  /** Points per vote (factor k held fixed among them). Default 64. At least 2. */
  batchSize?: number;
  /** Votes for the majority-vote classifier. Default 10 000. */
  numTrain?: number;
  /** Votes to evaluate it on. Default 5 000. With 0, `evalAccuracy` is 0. */
  numEval?: number;
  /** Points of the global variance estimate. Default 10 000. At least 2. */
  numVarianceEstimate?: number;
  /** Dimensions whose global std is below this are pruned (collapsed). Default 0.05. */
  pruneThreshold?: number;
  /** Seed of every draw. Default 0. */
  seed?: SeedLike;
  /** Points per `source.encode` call, rounded down to whole votes (result unchanged). Default 1024. */
  encodeBatchSize?: number;
  /** Stops the computation before the next `encode` call; the call rejects with its reason. */
  signal?: AbortSignal;
}

/** What {@link factorVaeScore} returns. */
export interface FactorVaeResult {
  /** Fraction of training votes the classifier gets right, in [0, 1]. */
  trainAccuracy: number;
  /** Fraction of evaluation votes it gets right, in [0, 1] — the FactorVAE metric. */
  evalAccuracy: number;
  /** Latent dimensions kept (global std ≥ `pruneThreshold`), ascending. */
  activeDims: number[];
  /** Global variance of each latent dimension (unbiased, divisor n − 1). */
  globalVariance: Float64Array;
  /** Per latent dimension, the factor it votes for (argmax of its training votes; 0 if none). */
  classifier: Int32Array;
  /** Training votes, `[numFactors × latentDim]` row-major: votes[k, d] = times d won for k. */
  trainVotes: Int32Array;
  /** Evaluation votes, same layout. */
  evalVotes: Int32Array;
  /** Factors a vote can fix (those with more than one class). Chance accuracy ≈ 1 / their count. */
  usedFactors: number[];
  /** Number of latent dimensions. */
  latentDim: number;
}

/** Column variances (divisor rows − 1) of `codes` rows [start, start + rows), two-pass float64. */
function columnVariances(
  codes: Float32Array | Float64Array,
  d: number,
  start: number,
  rows: number,
  out: Float64Array,
): void {
  const mean = new Float64Array(d);
  for (let i = start; i < start + rows; i++)
    for (let j = 0; j < d; j++) mean[j]! += codes[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= rows;
  out.fill(0);
  for (let i = start; i < start + rows; i++) {
    for (let j = 0; j < d; j++) {
      const c = codes[i * d + j]! - mean[j]!;
      out[j]! += c * c;
    }
  }
  for (let j = 0; j < d; j++) out[j]! /= rows - 1;
}

interface VoteContext {
  source: CheckedFactorSource;
  usedFactors: number[];
  batchSize: number;
  votesPerCall: number;
  globalVariance: Float64Array;
  activeDims: number[];
}

/** disentanglement_lib's `_generate_training_batch`: `count` votes as a [factors × dims] table. */
async function collectVotes(ctx: VoteContext, rng: Rng, count: number): Promise<Int32Array> {
  const { source, batchSize, activeDims, globalVariance } = ctx;
  const f = source.factorSizes.length;
  const d = globalVariance.length;
  const votes = new Int32Array(f * d);
  const local = new Float64Array(d);
  for (let done = 0; done < count; ) {
    const m = Math.min(ctx.votesPerCall, count - done);
    const fixedFactors = new Int32Array(m);
    const factors = new Int32Array(m * batchSize * f);
    for (let v = 0; v < m; v++) {
      const k = ctx.usedFactors[rng.int(ctx.usedFactors.length)]!;
      const value = rng.int(source.factorSizes[k]!);
      factors.set(source.sample(batchSize, rng, { factor: k, value }), v * batchSize * f);
      fixedFactors[v] = k;
    }
    const codes = await source.encode(factors, m * batchSize);
    for (let v = 0; v < m; v++) {
      columnVariances(codes, d, v * batchSize, batchSize, local);
      let best = -1;
      let bestRatio = Number.POSITIVE_INFINITY;
      for (const j of activeDims) {
        const ratio = local[j]! / globalVariance[j]!;
        if (best < 0 || ratio < bestRatio) {
          best = j;
          bestRatio = ratio;
        }
      }
      votes[fixedFactors[v]! * d + best]! += 1;
    }
    done += m;
  }
  return votes;
}

function accuracy(votes: Int32Array, classifier: Int32Array, d: number): number {
  let right = 0;
  let total = 0;
  for (let j = 0; j < d; j++) right += votes[classifier[j]! * d + j]!;
  for (const v of votes) total += v;
  return total === 0 ? 0 : right / total;
}

/**
 * The FactorVAE disentanglement metric (Kim & Mnih, 2018) with disentanglement_lib's defaults
 * and procedure (`compute_factor_vae`):
 * 1. the global variance of each latent dimension over `numVarianceEstimate` random points
 *    (divisor n − 1); dimensions with std < `pruneThreshold` are pruned;
 * 2. each vote picks a factor k uniformly, a class for it uniformly, and `batchSize` points with
 *    factor k held at that class (the others drawn by `source`); the vote goes to the active
 *    dimension with the smallest variance over the batch divided by its global variance (i.e.
 *    of the representation normalized by its global std; lowest index on ties);
 * 3. a majority-vote classifier maps each dimension to the factor it most often voted for, from
 *    `numTrain` votes; accuracies are the fractions of votes it gets right, on the training votes
 *    and on `numEval` fresh ones.
 *
 * Deviations: factors with one class are never picked (fixing them says nothing), and votes are
 * recorded by latent dimension rather than by position among the active ones (same accuracy).
 * With no active dimension, both accuracies are 0, as in disentanglement_lib. Random streams are
 * `fork('variance')`, `fork('train')`, `fork('eval')` of the seed's generator; the result does not
 * depend on `encodeBatchSize`. Chance level is about 1 / (number of varying factors).
 *
 * @param source - The factors and the representation (see {@link FactorSource}).
 * @param options - See {@link FactorVaeScoreOptions}.
 * @returns See {@link FactorVaeResult}.
 * @throws {@link InvalidArgumentError} / `UnknownOptionError` for bad options or a bad source, or
 *   when no factor varies; `ShapeError` / `NonFiniteError` for a bad `encode` result.
 *
 * @example
 * ```ts
 * import { dspritesFactorSource, factorVaeScore } from '@latentkit/models';
 * import { renderDsprites } from '@latentkit/datasets';
 *
 * const source = dspritesFactorSource(model, { renderDsprites, resolution: 64 });
 * const { evalAccuracy, activeDims } = await factorVaeScore(source, { seed: 0 });
 * // evalAccuracy in [0, 1] (majority-vote classifier; higher = more disentangled)
 * ```
 */
export async function factorVaeScore(
  source: FactorSource,
  options: FactorVaeScoreOptions = {},
): Promise<FactorVaeResult> {
  requireKnownOptions(
    options,
    [
      'batchSize',
      'numTrain',
      'numEval',
      'numVarianceEstimate',
      'pruneThreshold',
      'seed',
      'encodeBatchSize',
      'signal',
    ],
    'factorVaeScore options',
  );
  const batchSize = checkInt(options.batchSize ?? 64, 'batchSize', 2);
  const numTrain = checkInt(options.numTrain ?? 10_000, 'numTrain');
  const numEval = checkInt(options.numEval ?? 5_000, 'numEval', 0);
  const numVariance = checkInt(options.numVarianceEstimate ?? 10_000, 'numVarianceEstimate', 2);
  const threshold = checkNumber(options.pruneThreshold ?? 0.05, 'pruneThreshold', 'nonNegative');
  const chunk = checkInt(options.encodeBatchSize ?? 1024, 'encodeBatchSize');
  const checked = checkFactorSource(source, options.signal);
  const usedFactors = checked.factorSizes.flatMap((size, k) => (size > 1 ? [k] : []));
  if (usedFactors.length === 0) {
    throw new InvalidArgumentError('source.factorSizes', 'no factor has more than one class');
  }
  const rng = toRng(options.seed ?? 0);
  const f = checked.factorSizes.length;

  // 1. Global variances.
  const factors = checked.sample(numVariance, rng.fork('variance'));
  let all: Float64Array | undefined;
  for (let start = 0; start < numVariance; start += chunk) {
    const m = Math.min(chunk, numVariance - start);
    const part = await checked.encode(factors.slice(start * f, (start + m) * f), m);
    all ??= new Float64Array(numVariance * checked.latentDim());
    all.set(part, start * checked.latentDim());
  }
  const latentDim = checked.latentDim();
  const globalVariance = new Float64Array(latentDim);
  columnVariances(all!, latentDim, 0, numVariance, globalVariance);
  const activeDims = [...globalVariance.keys()].filter(
    (j) => Math.sqrt(globalVariance[j]!) >= threshold,
  );
  const empty = new Int32Array(f * latentDim);
  if (activeDims.length === 0) {
    return {
      trainAccuracy: 0,
      evalAccuracy: 0,
      activeDims,
      globalVariance,
      classifier: new Int32Array(latentDim),
      trainVotes: empty,
      evalVotes: empty.slice(),
      usedFactors,
      latentDim,
    };
  }

  // 2. Votes; 3. majority-vote classifier.
  const ctx: VoteContext = {
    source: checked,
    usedFactors,
    batchSize,
    votesPerCall: Math.max(1, Math.floor(chunk / batchSize)),
    globalVariance,
    activeDims,
  };
  const trainVotes = await collectVotes(ctx, rng.fork('train'), numTrain);
  const classifier = new Int32Array(latentDim);
  for (let j = 0; j < latentDim; j++) {
    let best = 0;
    for (let k = 1; k < f; k++)
      if (trainVotes[k * latentDim + j]! > trainVotes[best * latentDim + j]!) best = k;
    classifier[j] = best;
  }
  const evalVotes = numEval > 0 ? await collectVotes(ctx, rng.fork('eval'), numEval) : empty;
  return {
    trainAccuracy: accuracy(trainVotes, classifier, latentDim),
    evalAccuracy: accuracy(evalVotes, classifier, latentDim),
    activeDims,
    globalVariance,
    classifier,
    trainVotes,
    evalVotes,
    usedFactors,
    latentDim,
  };
}
