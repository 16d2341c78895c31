import {
  createParamStore,
  dense,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type Rng,
  type SeedLike,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { seedArgument } from '../internal/seed-argument.js';
import { type CodeLayer, maskedCodeConv } from './masked-code-conv.js';
import { maskedConv2d } from './masked-conv2d.js';
import {
  type PixelCnnConfig,
  type ResolvedPixelCnnConfig,
  resolvePixelCnnConfig,
} from './pixel-cnn-config.js';

/**
 * An autoregressive prior p(c) = ∏ᵢ p(cᵢ | c₍<ᵢ₎) over `H × W` grids of discrete codes, positions
 * taken in raster order (row by row, left to right): a PixelCNN (see {@link PixelCnnConfig}).
 *
 * Parameters live in `store` with hierarchical names (`input.weight`,
 * `blocks.0.conv1.weight`, `blocks.0.masked.weight`, `blocks.0.conv2.weight`, `hidden.0.weight`,
 * `output.weight`, and their `.bias`), so `paramsToSafetensors(prior.store, prior.config)` saves
 * it and `store.loadRecord(safetensorsToRecord(bytes).record)` restores it.
 */
export interface PixelCnnPrior {
  /** The validated configuration (JSON-serializable). */
  readonly config: ResolvedPixelCnnConfig;
  /** The parameters (trainable). */
  readonly store: ParamStore;
  /**
   * The logits of p(cᵢ | c₍<ᵢ₎) at every position, computed in one pass (the masks make position
   * i depend on earlier positions only). The caller owns the result.
   *
   * @param codes - int32 `[n, H, W]` codes in `[0, K)`, or the first `h ≤ H` rows of such grids
   *   (`[n, h, W]`: rows never depend on later rows, so their logits are the same). Not
   *   range-checked here (an out-of-range code counts as an all-zero one-hot vector); `priorNll`
   *   and `trainPrior` check their inputs.
   * @returns float32 `[n, h, W, K]` logits (natural-log scale, unnormalized).
   * @throws {@link InvalidArgumentError} for a non-int32 or disposed tensor.
   * @throws {@link ShapeError} unless `codes` is `[n, h, W]` with n ≥ 1 and 1 ≤ h ≤ H.
   */
  logits(codes: tf.Tensor): tf.Tensor4D;
  /** Frees the parameters. */
  dispose(): void;
}

interface PriorLayers {
  input: CodeLayer;
  blocks: Layer[][];
  hidden: Layer[];
  out: Layer;
}

/** Creates the layers (and their parameters in `store`) of a resolved config. */
function buildLayers(store: ParamStore, cfg: ResolvedPixelCnnConfig, rng: Rng): PriorLayers {
  const { numCodes: k, filters } = cfg;
  const input = maskedCodeConv(store, 'input', {
    numCodes: k,
    outChannels: filters,
    kernelSize: [cfg.kernelSize, cfg.kernelWidth],
    activation: 'relu',
    seed: rng,
  });
  const half = Math.ceil(filters / 2);
  const blocks = Array.from({ length: cfg.residualBlocks }, (_, i) => {
    const s = store.scope('blocks').scope(String(i));
    return [
      dense(s, 'conv1', {
        inFeatures: filters,
        outFeatures: filters,
        activation: 'relu',
        seed: rng,
      }),
      maskedConv2d(s, 'masked', {
        inChannels: filters,
        outChannels: half,
        kernelSize: cfg.residualKernelSize,
        maskType: 'B',
        activation: 'relu',
        seed: rng,
      }),
      dense(s, 'conv2', { inFeatures: half, outFeatures: filters, activation: 'relu', seed: rng }),
    ];
  });
  const hidden = Array.from({ length: cfg.outputLayers }, (_, i) =>
    dense(store.scope('hidden'), String(i), {
      inFeatures: filters,
      outFeatures: filters,
      activation: 'relu',
      seed: rng,
    }),
  );
  const out = dense(store, 'output', { inFeatures: filters, outFeatures: k, seed: rng });
  return { input, blocks, hidden, out };
}

/**
 * Builds a {@link PixelCnnPrior} with freshly initialized parameters (PyTorch's default init,
 * drawn from `seed`: the same config and seed give the same parameters on every backend).
 *
 * @param config - See {@link PixelCnnConfig}.
 * @param options - `seed`: seed or generator of the initialization, default 0. A bare seed (the
 *   former positional argument) is accepted, deprecated.
 * @throws As {@link resolvePixelCnnConfig} for a bad config.
 *
 * @example
 * ```ts
 * import { createPixelCnnPrior, samplePrior, trainPrior } from '@latentkit/models';
 *
 * const prior = createPixelCnnPrior({ height: 7, width: 7, numCodes: 128 }, { seed: 1 });
 * await trainPrior(prior, codes, { epochs: 10 });
 * const { codes: sampled } = samplePrior(prior, { n: 16, seed: 2, temperature: 1 });
 * ```
 */
export function createPixelCnnPrior(
  config: PixelCnnConfig | ResolvedPixelCnnConfig,
  options: { seed?: SeedLike } | SeedLike = {},
): PixelCnnPrior {
  const seed = seedArgument(options, 'createPixelCnnPrior');
  const cfg = resolvePixelCnnConfig(config);
  const { height, width } = cfg;
  const rng = toRng(seed);
  const store = createParamStore();
  let layers: PriorLayers;
  try {
    layers = buildLayers(store, cfg, rng);
  } catch (error) {
    store.dispose();
    throw error;
  }

  return {
    config: cfg,
    store,
    logits(codes) {
      if (!(codes instanceof tf.Tensor) || codes.isDisposed) {
        throw new InvalidArgumentError('codes', 'must be a live int32 tf.Tensor');
      }
      if (codes.dtype !== 'int32') {
        throw new InvalidArgumentError('codes', `must be int32, got dtype ${codes.dtype}`);
      }
      if (
        codes.rank !== 3 ||
        codes.shape[0]! < 1 ||
        codes.shape[1]! < 1 ||
        codes.shape[1]! > height ||
        codes.shape[2] !== width
      ) {
        throw new ShapeError(
          `codes has shape [${codes.shape.join(', ')}], expected [n, h ≤ ${height}, ${width}]`,
          [null, height, width],
          codes.shape,
        );
      }
      return tf.tidy(() => {
        let h = layers.input.apply(codes);
        for (const block of layers.blocks) {
          let t = h;
          for (const layer of block) t = layer.apply(t);
          h = tf.add(h, t);
        }
        for (const layer of layers.hidden) h = layer.apply(h);
        return layers.out.apply(h) as tf.Tensor4D;
      });
    },
    dispose() {
      store.dispose();
    },
  };
}
