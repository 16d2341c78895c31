/**
 * The β-VAE demo's work in the model worker: loads the pretrained β-VAE (fetched from the site's
 * own origin), renders the chosen dSprites sprite, encodes it and decodes the latent traversals.
 * The page draws what `traverse` returns.
 */
import { dspritesIndexFromFactors, renderDsprite } from '@latentkit/datasets';
import { encodeLatent, type Model, traverseLatent } from '@latentkit/models';
import { tf } from '@latentkit/tensor';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import type { TrainingMetadata } from '../common/training-metadata.js';
import type { WorkerSession } from '../common/worker-host.js';
import { MIXED_GAP } from './mig-verdict.js';
import { factorsByLatent, traversalOrder, traversalValues } from './traversal-order.js';

/** The five dSprites factors of the base sprite (indices into each factor's values). */
export interface SpriteFactors {
  shape: number;
  scale: number;
  orientation: number;
  posX: number;
  posY: number;
}

/** One row of the traversal grid: latent dimension, its KL, whether it is active, its factors. */
export interface TraversalRow {
  dim: number;
  kl: number;
  active: boolean;
  /** Factors whose mutual information is largest with this dimension. */
  owners: string[];
}

/** What {@link betaVaeTraversal} returns. */
export interface BetaVaeTraversal {
  /** dSprites index of the sprite. */
  index: number;
  /** The sprite and its reconstruction, `resolution²` intensities each. */
  sprite: Float32Array;
  reconstruction: Float32Array;
  /** `[rows × columns × resolution²]`, rows in display order (by KL). */
  grid: Float32Array;
  rows: TraversalRow[];
  /** The traversal values of the columns. */
  values: Float64Array;
}

/**
 * Encodes the sprite with `factors` and decodes its code with each latent dimension set to
 * `columns` values in `[−range, range]`, rows ordered by the dimension's KL (from the training
 * record).
 */
export function betaVaeTraversal(
  model: Model,
  training: TrainingMetadata,
  factors: SpriteFactors,
  range: number,
  columns: number,
): BetaVaeTraversal {
  const resolution = Math.round(Math.sqrt(model.inputShape.reduce((a, b) => a * b, 1)));
  const px = resolution * resolution;
  const index = dspritesIndexFromFactors(factors);
  const sprite = Float32Array.from(renderDsprite(index, { resolution }));
  const z = tf.tidy(() => encodeLatent(model, tf.tensor2d(sprite, [1, px])));
  try {
    const recon = tf.tidy(() => model.decodeMean(z));
    const reconstruction = Float32Array.from(recon.dataSync());
    recon.dispose();
    const kl =
      (training.extra?.klPerDim as number[] | undefined) ?? new Array(model.latentDim).fill(0);
    const order = traversalOrder(kl);
    // Rows name the factors with a real gap (≥ MIXED_GAP), not a near tie such as rotation at 0.000.
    const owners = factorsByLatent(
      (training.extra?.migFactors as never[]) ?? [],
      model.latentDim,
      MIXED_GAP,
    );
    const values = traversalValues(range, columns);
    const grid = new Float32Array(order.length * columns * px);
    order.forEach(({ dim }, r) => {
      const t = traverseLatent(model, z, { dim, values });
      grid.set(t.dataSync(), r * columns * px);
      t.dispose();
    });
    return {
      index,
      sprite,
      reconstruction,
      grid,
      rows: order.map(({ dim, kl: k, active }) => ({
        dim,
        kl: k,
        active,
        owners: owners[dim] ?? [],
      })),
      values: Float64Array.from(values),
    };
  } finally {
    z.dispose();
  }
}

/** What `info` returns. */
export interface BetaVaeInfo {
  training: TrainingMetadata;
  latentDim: number;
  /** Sprite side, pixels. */
  resolution: number;
}

/** Options the page sends when it opens the session. */
export interface BetaVaeSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
  /** Columns of the traversal grid. */
  columns: number;
}

/** Opens the session: fetches and loads the β-VAE. */
export async function openBetaVaeSession(options: BetaVaeSessionOptions): Promise<WorkerSession> {
  const bytes = await fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.betaVae}`));
  const { model, training } = pretrainedFromBytes(bytes);
  return {
    methods: {
      info: (): BetaVaeInfo => ({
        training,
        latentDim: model.latentDim,
        resolution: Math.round(Math.sqrt(model.inputShape.reduce((a, b) => a * b, 1))),
      }),
      traverse: (args: never) => {
        const { factors, range } = args as { factors: SpriteFactors; range: number };
        return betaVaeTraversal(model, training, factors, range, options.columns);
      },
    },
    dispose: () => model.dispose(),
  };
}
