import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, type ParamStore, type SeedLike } from '@latentkit/tensor';
import { checkChoice, checkInt } from '../internal/check.js';
import { seedArgument } from '../internal/seed-argument.js';
import {
  createEmaVectorQuantizer,
  EMA_OPTION_KEYS,
  resolveEmaOptions,
} from './ema-vector-quantizer.js';
import { createFiniteScalarQuantizer } from './finite-scalar-quantizer.js';
import type { Quantizer } from './quantizer.js';
import { createResidualQuantizer } from './residual-quantizer.js';
import { createVectorQuantizer, resolveCodebookOptions } from './vector-quantizer.js';

/**
 * How a codebook starts: `'uniform'` in [−initRange, initRange] (the quantizers' default), or
 * `'kmeans'`: k-means (k-means++ seeding, `kmeansIterations` Lloyd iterations) on the encoder
 * outputs of the first training batch, run once by `train` (seeded by the run's seed).
 */
export type CodebookInit = 'uniform' | 'kmeans';

/** Options shared by the codebook quantizers of a {@link QuantizerConfig}. */
export interface CodebookQuantizerConfig {
  /** K, the number of codes (per quantizer for residual VQ). */
  numCodes: number;
  /** β, the weight of the commitment term. Default 0.25. */
  beta?: number;
  /** Half-width of the uniform initialization. Default 1/K. */
  initRange?: number;
  /** See {@link CodebookInit}. Default `'uniform'`. */
  init?: CodebookInit;
  /** Lloyd iterations of the k-means initialization. Default 10. */
  kmeansIterations?: number;
}

/**
 * The EMA options of a {@link QuantizerConfig} (see `EmaVectorQuantizerOptions`). The VQ-VAE's
 * defaults differ from the standalone `emaVectorQuantizer`'s (sonnet's decay 0.99, no restarts):
 * measured on the reference conv VQ-VAE (K = 128, D = 16, k-means init, 12000 MNIST training
 * images, 3 epochs, seed 1; usage and NMSE on 2000 test images), decay 0.99 without restarts
 * left 26% of the codes in use (test NMSE 0.111) and with restarts at threshold 2 77% (0.082);
 * decay 0.9 gave 72% (0.077) without restarts and 100% (0.066) with them. Thresholds 1, 2 and 4
 * and decay 0.8 gave 100% and 0.062–0.067 too. A shorter memory lets a code that stops being
 * chosen fall below the threshold within tens of steps instead of hundreds.
 */
export interface EmaQuantizerFields {
  /** γ, the decay of the moving averages. Default 0.9 (see above). */
  decay?: number;
  /** ε, the Laplace smoothing of the cluster sizes. Default 1e-5. */
  epsilon?: number;
  /**
   * Dead-code restart: codes whose EMA cluster size (vectors per batch) falls below this are
   * moved onto random encoder outputs of the batch. Default 2 (see above); 0 turns restarts off.
   */
  deadCodeThreshold?: number;
  /** Cluster size given to a restarted code. Default `max(deadCodeThreshold, 1)`. */
  restartClusterSize?: number;
}

/**
 * Which quantizer a VQ-VAE uses, as plain data (stored with the model). The code width D is the
 * model's `latentDim`.
 * - `'vq'`: `vectorQuantizer` (codebook trained by the optimizer: codebook + β·commitment loss);
 * - `'ema'`: `emaVectorQuantizer` (codebook follows EMAs of the batches; β·commitment loss only),
 *   with dead-code restarts when `deadCodeThreshold` > 0 (the default);
 * - `'residual'`: `residualQuantizer` with `numQuantizers` levels (EMA codebooks with `ema: true`);
 * - `'fsq'`: `finiteScalarQuantizer` with `levels` (D = `levels.length`, no codebook, no loss).
 */
export type QuantizerConfig =
  | ({
      /** Discriminant: a codebook trained by the optimizer (`vectorQuantizer`). */
      type: 'vq';
    } & CodebookQuantizerConfig)
  | ({
      /** Discriminant: an EMA codebook with dead-code restarts (`emaVectorQuantizer`). */
      type: 'ema';
    } & CodebookQuantizerConfig &
      EmaQuantizerFields)
  | ({
      /** Discriminant: residual VQ (`residualQuantizer`). */
      type: 'residual';
      /** Number of quantizers applied to successive residuals. */
      numQuantizers: number;
      /** EMA codebooks (the EMA fields apply only then). Default false. */
      ema?: boolean;
    } & CodebookQuantizerConfig &
      EmaQuantizerFields)
  | {
      /** Discriminant: finite scalar quantization (`finiteScalarQuantizer`). */
      type: 'fsq';
      /** Levels per dimension (integers ≥ 2); their count must equal the model's `latentDim`. */
      levels: number[];
    };

/** The `type` of every {@link QuantizerConfig}. */
export const QUANTIZER_TYPES = ['vq', 'ema', 'residual', 'fsq'] as const;

/** The EMA defaults of a VQ-VAE's quantizer (measured; see {@link EmaQuantizerFields}). */
const VQVAE_EMA_DEFAULTS = { decay: 0.9, deadCodeThreshold: 2 } as const;

type ResolvedCodebook = Required<CodebookQuantizerConfig>;
type ResolvedEma = ResolvedCodebook & Required<EmaQuantizerFields>;

/** A {@link QuantizerConfig} with every default filled in. */
export type ResolvedQuantizerConfig =
  | ({
      /** Discriminant: a codebook trained by the optimizer. */
      type: 'vq';
    } & ResolvedCodebook)
  | ({
      /** Discriminant: an EMA codebook. */
      type: 'ema';
    } & ResolvedEma)
  | ({
      /** Discriminant: residual VQ with codebooks trained by the optimizer. */
      type: 'residual';
      /** Number of quantizers applied to successive residuals (≥ 1). */
      numQuantizers: number;
      /** Codebooks trained by the optimizer, not by EMA. */
      ema: false;
    } & ResolvedCodebook)
  | ({
      /** Discriminant: residual VQ with EMA codebooks. */
      type: 'residual';
      /** Number of quantizers applied to successive residuals (≥ 1). */
      numQuantizers: number;
      /** EMA codebooks (the EMA fields are filled in). */
      ema: true;
    } & ResolvedEma)
  | {
      /** Discriminant: finite scalar quantization. */
      type: 'fsq';
      /** Levels per dimension (integers ≥ 2), one per latent dimension. */
      levels: number[];
    };

const CODEBOOK_KEYS = ['numCodes', 'beta', 'initRange', 'init', 'kmeansIterations'] as const;

function resolveCodebook(config: CodebookQuantizerConfig, dim: number): ResolvedCodebook {
  const { numCodes, beta, initRange } = resolveCodebookOptions(
    { numCodes: config.numCodes, dim, beta: config.beta, initRange: config.initRange },
    'quantizer',
  );
  return {
    numCodes,
    beta,
    initRange,
    init: checkChoice(config.init ?? 'uniform', 'quantizer.init', ['uniform', 'kmeans'] as const),
    kmeansIterations: checkInt(config.kmeansIterations ?? 10, 'quantizer.kmeansIterations', 0),
  };
}

function resolveEma(
  config: CodebookQuantizerConfig & EmaQuantizerFields,
  dim: number,
): ResolvedEma {
  const base = resolveCodebook(config, dim);
  const { decay, epsilon, deadCodeThreshold, restartClusterSize } = resolveEmaOptions(
    {
      numCodes: base.numCodes,
      dim,
      decay: config.decay ?? VQVAE_EMA_DEFAULTS.decay,
      epsilon: config.epsilon,
      deadCodeThreshold: config.deadCodeThreshold ?? VQVAE_EMA_DEFAULTS.deadCodeThreshold,
      restartClusterSize: config.restartClusterSize,
    },
    'quantizer',
  );
  return { ...base, decay, epsilon, deadCodeThreshold, restartClusterSize };
}

/**
 * Validates a {@link QuantizerConfig} for codes of width `dim` and fills in its defaults.
 *
 * @param config - The configuration.
 * @param dim - D, the width of the vectors to quantize.
 * @throws {@link UnknownOptionError} for an unknown `type`, `init` or key (EMA options are keys
 *   of `'ema'` and of `'residual'` with `ema: true` only).
 * @throws {@link InvalidArgumentError} for bad sizes or rates, or FSQ levels whose count is not
 *   `dim`.
 *
 * @example
 * ```ts
 * import { resolveQuantizerConfig } from '@latentkit/models';
 *
 * resolveQuantizerConfig({ type: 'vq', numCodes: 512 }, 64); // beta, init, … filled in
 * resolveQuantizerConfig({ type: 'fsq', levels: [8, 5, 5] }, 64); // throws: FSQ needs one level per dim
 * ```
 */
export function resolveQuantizerConfig(
  config: QuantizerConfig,
  dim: number,
): ResolvedQuantizerConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new InvalidArgumentError('quantizer', 'must be a quantizer config object');
  }
  const type = checkChoice(config.type, 'quantizer.type', QUANTIZER_TYPES);
  switch (type) {
    case 'vq': {
      requireKnownOptions(config, ['type', ...CODEBOOK_KEYS], 'quantizer');
      return { type, ...resolveCodebook(config as CodebookQuantizerConfig, dim) };
    }
    case 'ema': {
      requireKnownOptions(config, ['type', ...CODEBOOK_KEYS, ...EMA_OPTION_KEYS], 'quantizer');
      return { type, ...resolveEma(config as CodebookQuantizerConfig, dim) };
    }
    case 'residual': {
      const c = config as Extract<QuantizerConfig, { type: 'residual' }>;
      const ema = c.ema ?? false;
      if (typeof ema !== 'boolean') {
        throw new InvalidArgumentError('quantizer.ema', `must be a boolean, got ${String(ema)}`);
      }
      const keys = ['type', 'numQuantizers', 'ema', ...CODEBOOK_KEYS];
      requireKnownOptions(config, ema ? [...keys, ...EMA_OPTION_KEYS] : keys, 'quantizer');
      const numQuantizers = checkInt(c.numQuantizers, 'quantizer.numQuantizers', 1, 64);
      return ema
        ? { type, numQuantizers, ema, ...resolveEma(c, dim) }
        : { type, numQuantizers, ema, ...resolveCodebook(c, dim) };
    }
    default: {
      requireKnownOptions(config, ['type', 'levels'], 'quantizer');
      const levels = (config as { levels: number[] }).levels;
      if (!Array.isArray(levels) || levels.length !== dim) {
        throw new InvalidArgumentError(
          'quantizer.levels',
          `must list one level per latent dimension (${dim}), got ${JSON.stringify(levels)}`,
        );
      }
      // Validates the levels (integers ≥ 2, product ≤ 2²⁰); creates no tensor.
      createFiniteScalarQuantizer({ levels });
      return { type, levels: [...levels] };
    }
  }
}

/**
 * Creates the quantizer a {@link QuantizerConfig} describes (the one factory behind a VQ-VAE's
 * `quantizer` option), with its parameters in `store` under `name` (see each quantizer for the
 * names). `init` and `kmeansIterations` are not used here: `train` runs the k-means
 * initialization.
 *
 * @param store - Where the codebook(s) and EMA state are created.
 * @param name - Their prefix, e.g. `'vq'`.
 * @param config - See {@link QuantizerConfig} (resolved or not).
 * @param dim - D, the width of the vectors to quantize.
 * @param options - `seed`: seed or generator of the initialization (and of the default restart
 *   stream), default 0. A bare seed (the former positional argument) is accepted, deprecated.
 * @throws As {@link resolveQuantizerConfig}, and for a name already in use.
 *
 * @example
 * ```ts
 * import { createQuantizer } from '@latentkit/models';
 * import { createParamStore } from '@latentkit/tensor';
 *
 * const store = createParamStore();
 * const q = createQuantizer(store, 'vq', { type: 'ema', numCodes: 512 }, 64, { seed: 1 }); // 512 codes of width 64
 * ```
 */
export function createQuantizer(
  store: ParamStore,
  name: string,
  config: QuantizerConfig,
  dim: number,
  options: { seed?: SeedLike } | SeedLike = {},
): Quantizer {
  const seed = seedArgument(options, 'createQuantizer');
  const c = resolveQuantizerConfig(config, dim);
  if (c.type === 'fsq') return createFiniteScalarQuantizer({ levels: c.levels });
  const base = { numCodes: c.numCodes, dim, beta: c.beta, initRange: c.initRange };
  const ema =
    c.type === 'ema' || (c.type === 'residual' && c.ema)
      ? {
          decay: c.decay,
          epsilon: c.epsilon,
          deadCodeThreshold: c.deadCodeThreshold,
          restartClusterSize: c.restartClusterSize,
        }
      : undefined;
  if (c.type === 'residual') {
    const quantizer = { ...base, ...ema };
    return createResidualQuantizer(store, name, {
      numQuantizers: c.numQuantizers,
      quantizer,
      ema: c.ema,
      seed,
    });
  }
  return c.type === 'ema'
    ? createEmaVectorQuantizer(store, name, { ...base, ...ema, seed })
    : createVectorQuantizer(store, name, { ...base, seed });
}
