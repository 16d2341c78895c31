import { requireKnownOptions } from '@latentkit/core';
import { categoricalCrossEntropy, NonFiniteError, tf } from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import { type CodeGrids, readCodeGrids } from './code-grids.js';
import type { PixelCnnPrior } from './pixel-cnn-prior.js';

/** Options of {@link priorNll}. */
export interface PriorNllOptions {
  /** Grids per forward pass. Default 256. */
  batchSize?: number;
}

/** What {@link priorNll} returns: the mean negative log-likelihood per code. */
export interface PriorNll {
  /** −(1/N) Σ log p(cᵢ | c₍<ᵢ₎) over all N codes, in nats (natural log). */
  natsPerCode: number;
  /** The same in bits: `natsPerCode / ln 2`. A uniform prior over K codes scores log₂ K. */
  bitsPerCode: number;
  /** N, the number of codes scored (`grids · H · W`). */
  codes: number;
  /** Number of grids scored. */
  grids: number;
}

/**
 * The prior's mean negative log-likelihood per code on a set of code grids: the exact
 * −(1/N) Σ_grids Σ_positions log p(cᵢ | c₍<ᵢ₎) of the autoregressive factorization (no sampling,
 * no bound), in nats and in bits (÷ ln 2). Multiply `bitsPerCode` by `H·W` for bits per grid.
 * Per-batch sums are accumulated in float64.
 *
 * @param prior - The prior.
 * @param codes - `[n, H, W]` grids (see {@link CodeGrids}), codes in `[0, K)`.
 * @param options - See {@link PriorNllOptions}.
 * @throws {@link ShapeError} / {@link InvalidArgumentError} for grids of the wrong shape, type or
 *   range (see {@link CodeGrids}), or a bad option; {@link UnknownOptionError} for an unknown
 *   option key.
 * @throws {@link NonFiniteError} if the likelihood is not finite (diverged parameters).
 *
 * @example
 * ```ts
 * import { priorNll } from '@latentkit/models';
 *
 * const { bitsPerCode, natsPerCode } = priorNll(prior, testCodes); // testCodes: Int32Array [n · 7 · 7]
 * // bitsPerCode < log₂ 128 = 7 when the prior beats a uniform one over 128 codes
 * ```
 */
export function priorNll(
  prior: PixelCnnPrior,
  codes: CodeGrids,
  options: PriorNllOptions = {},
): PriorNll {
  requireKnownOptions(options, ['batchSize'], 'priorNll options');
  const batchSize = checkInt(options.batchSize ?? 256, 'batchSize');
  const { height, width } = prior.config;
  const { data, n } = readCodeGrids(codes, prior.config);
  const size = height * width;
  let total = 0;
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const sum = tf.tidy(() => {
      const batch = data.subarray(start * size, (start + count) * size);
      const labels = tf.tensor(batch, [count, height, width], 'int32');
      const loss = categoricalCrossEntropy(prior.logits(labels), labels, { reduction: 'sum' });
      return loss.dataSync()[0]!;
    });
    total += sum;
  }
  const natsPerCode = total / (n * size);
  if (!Number.isFinite(natsPerCode)) {
    throw new NonFiniteError('prior NLL', `got ${natsPerCode} nats per code`);
  }
  return { natsPerCode, bitsPerCode: natsPerCode / Math.LN2, codes: n * size, grids: n };
}
