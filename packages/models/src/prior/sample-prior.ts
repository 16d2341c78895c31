import { requireKnownOptions } from '@latentkit/core';
import {
  InvalidArgumentError,
  NonFiniteError,
  type Rng,
  type SeedLike,
  tf,
  toRng,
} from '@latentkit/tensor';
import { checkInt } from '../internal/check.js';
import type { PixelCnnPrior } from './pixel-cnn-prior.js';

/** Options of {@link samplePrior}. */
export interface SamplePriorOptions {
  /** Number of grids to draw. */
  n: number;
  /** Seed or generator. Default 0. */
  seed?: SeedLike;
  /**
   * Divides the logits before the softmax: 1 samples the model, < 1 sharpens it (→ the most
   * likely code as it → 0), > 1 flattens it. Must be a finite number > 0. Default 1.
   */
  temperature?: number;
  /** Grids per forward pass. Default 256. */
  batchSize?: number;
}

/** What {@link samplePrior} returns. */
export interface PriorSamples {
  /** The codes, row-major `[n, H, W]` (grid by grid, each in raster order). */
  codes: Int32Array;
  /** `[n, H, W]`. */
  shape: [number, number, number];
}

const KEYS = ['n', 'seed', 'temperature', 'batchSize'];

/** Draws from softmax(logits / temperature) with one uniform of `rng` (float64 arithmetic). */
function drawCode(logits: Float32Array, offset: number, k: number, t: number, rng: Rng): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, logits[offset + c]!);
  const weights = new Float64Array(k);
  let total = 0;
  for (let c = 0; c < k; c++) {
    // (l − max)/t ≤ 0, so exp never overflows; the most likely code always has weight 1.
    const e = Math.exp((logits[offset + c]! - max) / t);
    weights[c] = e;
    total += e;
  }
  const u = rng.next() * total;
  let acc = 0;
  for (let c = 0; c < k - 1; c++) {
    acc += weights[c]!;
    if (u < acc) return c;
  }
  return k - 1;
}

/**
 * Draws code grids from the prior autoregressively, in raster order: position i's code is drawn
 * from softmax(logits_i / temperature), the logits computed from the codes already drawn (one
 * forward pass per position, over the rows up to the current one — later rows cannot influence
 * earlier positions, so they are left out).
 *
 * Reproducible: grid g uses its own stream `toRng(seed).fork(g)` (one uniform per position), so
 * the same seed gives the same grids on a backend, and grid g does not depend on `n` or
 * `batchSize`. Decode the result with a VQ-VAE's codebook (`quantizer.lookup(tf.tensor(codes,
 * shape, 'int32'))`).
 *
 * @param prior - The prior.
 * @param options - See {@link SamplePriorOptions}.
 * @returns The grids (plain data).
 * @throws {@link InvalidArgumentError} for a temperature that is not a finite number > 0, or a
 *   non-positive-integer `n` or `batchSize`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 * @throws {@link NonFiniteError} if the prior's logits are NaN or ±∞ (diverged parameters).
 *
 * @example
 * ```ts
 * import { samplePrior } from '@latentkit/models';
 * import { tf } from '@latentkit/tensor';
 *
 * const { codes, shape } = samplePrior(prior, { n: 16, seed: 2, temperature: 1 }); // shape [16, 7, 7]
 * const images = vqvae.decodeMean(vqvae.vq!.quantizer.lookup(tf.tensor(codes, shape, 'int32')));
 * ```
 */
export function samplePrior(prior: PixelCnnPrior, options: SamplePriorOptions): PriorSamples {
  requireKnownOptions(options, KEYS, 'samplePrior options');
  if (options === undefined) throw new InvalidArgumentError('options', 'must give { n }');
  const n = checkInt(options.n, 'n');
  const batchSize = checkInt(options.batchSize ?? 256, 'batchSize');
  const temperature = options.temperature ?? 1;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature <= 0) {
    throw new InvalidArgumentError(
      'temperature',
      `must be a finite number > 0, got ${String(temperature)}`,
    );
  }
  const { height, width, numCodes: k } = prior.config;
  const size = height * width;
  const base = toRng(options.seed ?? 0);
  const codes = new Int32Array(n * size);
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const grids = codes.subarray(start * size, (start + count) * size);
    const rngs = Array.from({ length: count }, (_, r) => base.fork(start + r));
    for (let i = 0; i < size; i++) {
      const [row, col] = [Math.floor(i / width), i % width];
      const rows = row + 1;
      const logits = tf.tidy(() => {
        // The first `rows` rows of every grid (a strided copy when rows < height).
        const part = new Int32Array(count * rows * width);
        for (let r = 0; r < count; r++) {
          part.set(grids.subarray(r * size, r * size + rows * width), r * rows * width);
        }
        const all = prior.logits(tf.tensor(part, [count, rows, width], 'int32'));
        const at = tf.slice(all, [0, row, col, 0], [count, 1, 1, k]);
        return at.dataSync() as Float32Array;
      });
      for (let r = 0; r < count; r++) {
        for (let c = 0; c < k; c++) {
          if (!Number.isFinite(logits[r * k + c]!)) {
            throw new NonFiniteError('prior logits', `position ${i} of grid ${start + r}`);
          }
        }
        grids[r * size + i] = drawCode(logits, r * k, k, temperature, rngs[r]!);
      }
    }
  }
  return { codes, shape: [n, height, width] };
}
