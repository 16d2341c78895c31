import type { VqStepValues } from './train-engine.js';

/** A VQ-VAE's quantizer values in a {@link BatchReport} (batch means; see `VqTerms`). */
export interface VqBatchReport {
  /** Codebook term ‖sg[z_e] − e‖² per example (0 for EMA codebooks and FSQ). */
  codebook: number;
  /** β·commitment term per example. */
  commitment: number;
  /** Batch perplexity: exp of the entropy (nats) of the batch's code histogram. */
  perplexity: number;
  /** Fraction of the codes used in the batch. */
  usage: number;
  /** Codes restarted after this step (EMA dead-code restart). */
  restarted: number;
}

/** A VQ-VAE's quantizer values in an {@link EpochReport}. */
export interface VqEpochReport {
  /** Mean codebook term per example over the epoch. */
  codebook: number;
  /** Mean β·commitment term per example over the epoch. */
  commitment: number;
  /**
   * Codebook perplexity of the epoch: exp of the entropy (nats) of the code frequencies over all
   * the epoch's training batches (residual VQ: mean over levels), in [1, numCodes].
   */
  perplexity: number;
  /** Codebook usage of the epoch: fraction of codes used at least once (residual: mean over levels). */
  usage: number;
  /** Mean batch perplexity (weighted by batch size). */
  batchPerplexity: number;
  /** Mean batch usage (weighted by batch size). */
  batchUsage: number;
  /** Codes restarted during the epoch. */
  restarted: number;
}

/** Running quantizer sums of one epoch (part of `EpochTotals`, so resumption stays exact). */
export interface VqEpochTotals {
  /** Σ batchSize·codebook. */
  codebook: number;
  /** Σ batchSize·commitment. */
  commitment: number;
  /** Σ batchSize·perplexity. */
  perplexity: number;
  /** Σ batchSize·usage. */
  usage: number;
  /** Codes restarted so far. */
  restarted: number;
  /** Code histogram of the epoch so far, `[numQuantizers·numCodes]`. */
  counts: number[];
}

/** Adds one batch's quantizer values to the epoch totals (returns the new totals). @internal */
export function addVqTotals(
  totals: VqEpochTotals | undefined,
  v: VqStepValues,
  size: number,
): VqEpochTotals {
  const t = totals ?? {
    codebook: 0,
    commitment: 0,
    perplexity: 0,
    usage: 0,
    restarted: 0,
    counts: new Array<number>(v.counts.length).fill(0),
  };
  t.codebook += size * v.codebook;
  t.commitment += size * v.commitment;
  t.perplexity += size * v.perplexity;
  t.usage += size * v.usage;
  t.restarted += v.restarted;
  v.counts.forEach((c, i) => {
    t.counts[i]! += c;
  });
  return t;
}

/**
 * Perplexity and usage of a code histogram of `levels` quantizers (`counts` of length
 * levels·K): per level exp(−Σ pₖ ln pₖ) and the fraction of nonzero counts, averaged over levels.
 *
 * @example
 * ```ts
 * import { histogramStatistics } from '@latentkit/models';
 *
 * histogramStatistics([5, 5, 0, 0], 1); // → { perplexity: 2, usage: 0.5 } (2 of 4 codes used evenly)
 * ```
 */
export function histogramStatistics(
  counts: ArrayLike<number>,
  levels: number,
): {
  /** Mean over levels of exp(entropy in nats); from 1 (one code) to K (uniform); 0 if empty. */
  perplexity: number;
  /** Mean over levels of the fraction of the K codes with a nonzero count, in [0, 1]. */
  usage: number;
} {
  const k = counts.length / levels;
  let perplexity = 0;
  let usage = 0;
  for (let l = 0; l < levels; l++) {
    let total = 0;
    for (let c = 0; c < k; c++) total += counts[l * k + c]!;
    let entropy = 0;
    let used = 0;
    for (let c = 0; c < k; c++) {
      const n = counts[l * k + c]!;
      if (n > 0) {
        const p = n / total;
        entropy -= p * Math.log(p);
        used++;
      }
    }
    perplexity += total > 0 ? Math.exp(entropy) : 0;
    usage += used / k;
  }
  return { perplexity: perplexity / levels, usage: usage / levels };
}

/** The epoch's quantizer report from its totals over `count` examples. @internal */
export function vqEpochReport(t: VqEpochTotals, count: number, levels: number): VqEpochReport {
  const n = Math.max(count, 1);
  const { perplexity, usage } = histogramStatistics(t.counts, levels);
  return {
    codebook: t.codebook / n,
    commitment: t.commitment / n,
    perplexity,
    usage,
    batchPerplexity: t.perplexity / n,
    batchUsage: t.usage / n,
    restarted: t.restarted,
  };
}
