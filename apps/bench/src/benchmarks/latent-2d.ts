import type { Model, ModelConfig } from '@latentkit/models';
import type { ImageGridFigure } from '@latentkit/report';
import { tf } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { galleryHeader, trainGalleryModel } from '../training/gallery-run.js';
import { imageFigure } from '../training/image-figure.js';
import { latentScatterFigure } from '../training/latent-figures.js';

/** A VAE with a 2-D latent space (784-400-2), so that the codes can be plotted directly. */
export const LATENT_2D_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 2,
  encoder: { type: 'mlp', hidden: [400], activation: 'relu' },
};

/**
 * The decoded 2-D latent plane: an `n × n` grid of codes with z₁ from −limit (left) to +limit
 * (right) and z₂ from +limit (top) to −limit (bottom), decoded to E[x|z].
 */
function manifoldFigure(model: Model, n: number, limit: number): ImageGridFigure {
  const coord = (i: number) => -limit + (2 * limit * i) / (n - 1);
  const codes = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      codes[(r * n + c) * 2] = coord(c);
      codes[(r * n + c) * 2 + 1] = -coord(r);
    }
  }
  const out = tf.tidy(() => model.decodeMean(tf.tensor2d(codes, [n * n, 2])));
  const values = out.dataSync();
  out.dispose();
  return imageFigure(values, {
    title: 'Decoded latent plane',
    rows: n,
    cols: n,
    rowLabels: Array.from({ length: n }, (_, r) => `z₂ = ${(-coord(r)).toFixed(1)}`),
    caption: `E[x|z] on a ${n}×${n} grid of codes, z₁ from −${limit} (left) to ${limit} (right), z₂ from ${limit} (top) to −${limit} (bottom).`,
  });
}

/** A 2-D-latent VAE: its test-set codes coloured by digit, and the decoded latent plane. */
export const latent2dBenchmark: Benchmark = {
  name: 'latent-2d',
  description: 'VAE with a 2-D latent space: MNIST test-set scatter by digit and the decoded plane',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const run = await trainGalleryModel('latent-2d', LATENT_2D_CONFIG, options);
    const figures = [
      run.lossFigure,
      latentScatterFigure(run.model, run.testSet, '2-D latent space of the MNIST test set'),
      manifoldFigure(run.model, 15, 3),
    ];
    run.model.dispose();
    const last = run.epochs[run.epochs.length - 1]!;
    return {
      header: [galleryHeader(run, 'VAE 784-400-2')],
      table: {
        columns: [
          'model',
          'epochs',
          'samples/s',
          'validation −ELBO',
          'test −ELBO',
          'test recon',
          'test KL',
        ],
        rows: [
          [
            'VAE, 2-D latent',
            String(run.epochs.length),
            Math.round(run.samplesPerSecond).toString(),
            (last.validation?.negElbo ?? Number.NaN).toFixed(2),
            run.test.negElbo.toFixed(2),
            run.test.recon.toFixed(2),
            run.test.kl.toFixed(2),
          ],
        ],
      },
      notes: [
        'Losses in nats per image (grey-level MNIST, BCE summed over pixels + KL, one z sample).',
        ...(options.quick ? ['QUICK: training subset and few epochs; --full trains longer.'] : []),
      ],
      figures,
      results: {
        backend: run.backend,
        trainer: run.trainer.name,
        settings: run.settings,
        config: LATENT_2D_CONFIG,
        epochs: run.epochs,
        test: run.test,
      },
    };
  },
};
