import {
  encodeLatent,
  latentStatistics,
  type Model,
  type ModelConfig,
  traverseLatent,
} from '@latentkit/models';
import type { ImageGridFigure } from '@latentkit/report';
import { tf } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { galleryHeader, trainGalleryModel } from '../training/gallery-run.js';
import { imageFigure } from '../training/image-figure.js';
import { rowsTensor } from '../training/latent-figures.js';
import type { MnistRows } from '../training/mnist.js';

/** β of the β-VAE. */
export const BETA = 4;

/** The β-VAE's network: 784-400-10 MLP (trained with β = {@link BETA}). */
export const BETA_VAE_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 10,
  encoder: { type: 'mlp', hidden: [400], activation: 'relu' },
};

const TRAVERSAL = Array.from({ length: 11 }, (_, i) => -3 + (6 * i) / 10);

/**
 * Traversals, one row per latent dimension in `order`: the posterior mean of the first test
 * image with that dimension set to −3 … 3, decoded.
 */
function traversalFigure(
  model: Model,
  test: MnistRows,
  order: number[],
  klPerDim: Float64Array,
): ImageGridFigure {
  const base = tf.tidy(() => encodeLatent(model, rowsTensor(test, [0])));
  const rows = order.map((dim) => {
    const t = traverseLatent(model, base, { dim, values: TRAVERSAL });
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  });
  base.dispose();
  const all = new Float32Array(rows.length * TRAVERSAL.length * 784);
  for (const [i, r] of rows.entries()) all.set(r, i * r.length);
  return imageFigure(all, {
    title: `β-VAE (β = ${BETA}) latent traversals`,
    rows: order.length,
    cols: TRAVERSAL.length,
    rowLabels: order.map((d) => `z${d} (KL ${klPerDim[d]!.toFixed(2)})`),
    caption:
      `Start: the posterior mean of the first test image (a ${test.labels[0]}); row zd sets ` +
      'dimension d to −3 … 3 (11 steps) and decodes E[x|z]. Rows are sorted by the ' +
      "dimension's mean KL on the test set; dimensions with KL ≈ 0 are unused and do not change the image.",
  });
}

/** A β-VAE on MNIST: latent traversals, one row per dimension, and the KL per dimension. */
export const betaVaeBenchmark: Benchmark = {
  name: 'beta-vae',
  description: `β-VAE (β = ${BETA}, 10-D latent): traversals per latent dimension and KL per dimension`,
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const run = await trainGalleryModel('beta-vae', BETA_VAE_CONFIG, options, { beta: BETA });
    const stats = latentStatistics(run.model, { x: run.testSet.x, n: run.testSet.n });
    const order = Array.from(stats.klPerDim.keys()).sort(
      (a, b) => stats.klPerDim[b]! - stats.klPerDim[a]!,
    );
    const figures = [
      run.lossFigure,
      traversalFigure(run.model, run.testSet, order, stats.klPerDim),
    ];
    run.model.dispose();
    const last = run.epochs[run.epochs.length - 1]!;
    return {
      header: [galleryHeader(run, `β-VAE 784-400-10, loss recon + ${BETA}·KL`)],
      table: {
        columns: ['dimension', 'KL (nats)', 'Var[μ]', 'active'],
        rows: order.map((d) => [
          `z${d}`,
          stats.klPerDim[d]!.toFixed(3),
          stats.meanVariance[d]!.toFixed(3),
          stats.active[d] ? 'yes' : 'no',
        ]),
      },
      notes: [
        `active units (Var over the test set of μ_d > 0.01): ${stats.activeUnits} of ${BETA_VAE_CONFIG.latentDim}`,
        `test −ELBO ${run.test.negElbo.toFixed(2)} nats per image (recon ${run.test.recon.toFixed(2)}, ` +
          `KL ${run.test.kl.toFixed(2)}; the ELBO, not the β-weighted objective); validation −ELBO ` +
          `${(last.validation?.negElbo ?? Number.NaN).toFixed(2)}; ${Math.round(run.samplesPerSecond)} samples/s`,
        ...(options.quick ? ['QUICK: training subset and few epochs; --full trains longer.'] : []),
      ],
      figures,
      results: {
        backend: run.backend,
        trainer: run.trainer.name,
        settings: run.settings,
        config: BETA_VAE_CONFIG,
        beta: BETA,
        epochs: run.epochs,
        test: run.test,
        latent: {
          klPerDim: Array.from(stats.klPerDim),
          meanVariance: Array.from(stats.meanVariance),
          activeUnits: stats.activeUnits,
        },
      },
    };
  },
};
