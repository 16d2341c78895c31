import { InvalidArgumentError, requireKnownOptions, seedOption } from '@latentkit/core';
import { type ParamStore, type SeedLike, tf, toRng } from '@latentkit/tensor';
import { checkIndices, checkLatent, positiveInt } from './check-latent.js';
import {
  createEmaVectorQuantizer,
  type EmaVectorQuantizerOptions,
} from './ema-vector-quantizer.js';
import { disposeQuantizerOutput, type Quantizer, type QuantizerOutput } from './quantizer.js';
import { stopGradient } from './stop-gradient.js';
import { straightThrough } from './straight-through.js';
import { createVectorQuantizer } from './vector-quantizer.js';

/** Options of {@link createResidualQuantizer}. */
export interface ResidualQuantizerOptions {
  /** n, the number of quantizers (each quantizes what the previous ones left). */
  numQuantizers: number;
  /**
   * Options of every quantizer (K, D, β, …). With `ema: true` they are EMA vector quantizers
   * (and may carry the EMA options), else plain vector quantizers.
   */
  quantizer: EmaVectorQuantizerOptions;
  /** Use EMA codebooks. Default false. */
  ema?: boolean;
  /** Seed or generator; quantizer i draws from `fork(i)`. Default 0. */
  seed?: SeedLike;
}

/** The checked options and the n quantizers; quantizer i draws from `fork(i)` of the seed. */
function createLevels(
  store: ParamStore,
  name: string,
  options: ResidualQuantizerOptions,
  seed: SeedLike | undefined,
): Quantizer[] {
  requireKnownOptions(
    options,
    ['numQuantizers', 'quantizer', 'ema', 'seed'],
    'createResidualQuantizer',
  );
  const n = positiveInt(options.numQuantizers, 'numQuantizers');
  if (options.quantizer?.seed !== undefined) {
    throw new InvalidArgumentError(
      'quantizer.seed',
      'each level draws from fork(i) of the residual quantizer seed: give `seed` to createResidualQuantizer',
    );
  }
  const rng = toRng(seedOption(options, seed, 'createResidualQuantizer'));
  const make = options.ema ? createEmaVectorQuantizer : createVectorQuantizer;
  const levels: Quantizer[] = [];
  for (let i = 0; i < n; i++)
    levels.push(make(store, `${name}.q${i}`, { ...options.quantizer, seed: rng.fork(i) }));
  return levels;
}

/**
 * Residual vector quantization (as in SoundStream): quantizer i quantizes the residual
 * rᵢ = rᵢ₋₁ − eᵢ₋₁ (r₀ = z_e); the output is Σᵢ eᵢ with the straight-through gradient. The loss
 * terms are the sums of the quantizers' terms on their residuals (rᵢ carries z_e's gradient, so
 * every commitment term trains the encoder); perplexity and usage are the means over quantizers.
 * Indices have shape `[..., n]`; {@link Quantizer.lookup} sums the n codes.
 *
 * Parameters (in `store`): those of quantizer i under `<name>.q<i>`.
 *
 * @param seed - Deprecated: pass `seed` in `options`.
 * @throws {@link InvalidArgumentError} for a bad count or quantizer options.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { createResidualQuantizer } from '@latentkit/models';
 * import { createParamStore, tf } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const rvq = createResidualQuantizer(store, 'rvq', {
 *   numQuantizers: 4, quantizer: { numCodes: 256, dim: 64 },
 * }, 1);
 * const { quantized, indices } = rvq.quantize(tf.randomNormal([8, 7, 7, 64])); // indices [8, 7, 7, 4]
 * ```
 */
export function createResidualQuantizer(
  store: ParamStore,
  name: string,
  options: ResidualQuantizerOptions,
  seed?: SeedLike,
): Quantizer {
  const levels = createLevels(store, name, options, seed);
  const n = levels.length;
  const first = levels[0]!;
  const { dim, numCodes } = first;
  const level = (i: number): Quantizer => levels[i]!;

  /** The residual inputs r₀ … rₙ₋₁ of the quantizers for given indices (forward only). */
  const residuals = (z: tf.Tensor, indices: tf.Tensor): tf.Tensor[] =>
    tf.tidy(() => {
      const parts = tf.unstack(indices, indices.rank - 1);
      const out: tf.Tensor[] = [z];
      for (let i = 1; i < n; i++) out.push(tf.sub(out[i - 1]!, level(i - 1).lookup(parts[i - 1]!)));
      return out.map((r) => tf.clone(r));
    });

  return {
    kind: 'residual',
    dim,
    numCodes,
    quantize(z): QuantizerOutput {
      checkLatent(z, dim);
      return tf.tidy(() => {
        let r: tf.Tensor = z;
        let sum: tf.Tensor | undefined;
        const outs: QuantizerOutput[] = [];
        for (let i = 0; i < n; i++) {
          const out = level(i).quantize(r);
          outs.push(out);
          const e = stopGradient(out.quantized); // value eᵢ
          sum = sum === undefined ? e : tf.add(sum, e);
          r = tf.sub(r, e);
        }
        const add = (f: (o: QuantizerOutput) => tf.Scalar): tf.Scalar =>
          tf.addN(outs.map(f)) as tf.Scalar;
        return {
          quantized: straightThrough(z, sum!),
          indices: tf.stack(
            outs.map((o) => o.indices),
            z.rank - 1,
          ),
          loss: {
            codebook: add((o) => o.loss.codebook),
            commitment: add((o) => o.loss.commitment),
            total: add((o) => o.loss.total),
          },
          perplexity: tf.div(
            add((o) => o.perplexity),
            n,
          ) as tf.Scalar,
          usage: tf.div(
            add((o) => o.usage),
            n,
          ) as tf.Scalar,
          counts: tf.concat(outs.map((o) => o.counts)) as tf.Tensor1D,
        }; // tidy disposes the per-quantizer outputs
      });
    },
    lookup(indices) {
      checkIndices(indices, undefined);
      if (indices.rank < 1 || indices.shape[indices.rank - 1] !== n) {
        checkIndices(indices, [...indices.shape.slice(0, -1), n]);
      }
      return tf.tidy(() => {
        const parts = tf.unstack(indices, indices.rank - 1);
        return tf.addN(parts.map((p, i) => level(i).lookup(p)));
      });
    },
    update(z, indices, opts = {}) {
      checkLatent(z, dim);
      checkIndices(indices, [...z.shape.slice(0, -1), n]);
      requireKnownOptions(opts, ['seed'], 'update options');
      // Quantizer i restarts from fork(i) of the given seed (or from its own generator).
      const seedRng = opts.seed === undefined ? undefined : toRng(opts.seed);
      // All residuals first, with the codebooks that produced the indices.
      const rs = residuals(z, indices);
      const parts = tf.unstack(indices, indices.rank - 1);
      const restarted: number[] = [];
      try {
        rs.forEach((r, i) => {
          const levelOpts = seedRng ? { seed: seedRng.fork(i) } : {};
          for (const c of level(i).update(r, parts[i]!, levelOpts).restarted) {
            restarted.push(i * numCodes + c);
          }
        });
      } finally {
        tf.dispose([...rs, ...parts]);
      }
      return { restarted };
    },
    initialize(z, opts = {}) {
      checkLatent(z, dim);
      let r = tf.clone(z);
      for (let i = 0; i < n; i++) {
        level(i).initialize(r, opts);
        const out = level(i).quantize(r);
        const next = tf.sub(r, out.quantized);
        disposeQuantizerOutput(out);
        r.dispose();
        r = next;
      }
      r.dispose();
    },
  };
}

/** @deprecated Use {@link createResidualQuantizer} (factories are `createX` across latentkit). */
export const residualQuantizer: (
  store: ParamStore,
  name: string,
  options: ResidualQuantizerOptions,
  seed?: SeedLike,
) => Quantizer = createResidualQuantizer;
