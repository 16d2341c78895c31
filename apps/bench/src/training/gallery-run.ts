import {
  createModel,
  type ElboEstimate,
  type EpochReport,
  evaluateElbo,
  type Model,
  type ModelConfig,
  type TrainOptions,
} from '@latentkit/models';
import type { LineFigure } from '@latentkit/report';
import { type BackendInfo, initBackend } from '@latentkit/tensor';
import type { BenchOptions } from '../benchmark.js';
import { lossCurveSeries } from './loss-curves.js';
import { benchMnist, type MnistRows, mnistRows } from './mnist.js';
import { trainRun } from './train-run.js';
import { selectTrainer, type Trainer } from './trainer.js';

/** Training sizes of the gallery suites (latent-2d, cvae, beta-vae). */
export interface GallerySettings {
  epochs: number;
  /** First `trainN` MNIST training images are trained on. */
  trainN: number;
  /** Last `validationN` training images (never trained on) are the validation set. */
  validationN: number;
}

/** Quick: a 30000-image subset for 5 epochs; full: 50000 images (10000 held out), 10 epochs. */
export const GALLERY_SETTINGS: { quick: GallerySettings; full: GallerySettings } = {
  quick: { epochs: 5, trainN: 30_000, validationN: 5_000 },
  full: { epochs: 10, trainN: 50_000, validationN: 10_000 },
};

/** What {@link trainGalleryModel} returns; the caller disposes `model`. */
export interface GalleryRun {
  model: Model;
  backend: BackendInfo;
  trainer: Trainer;
  settings: GallerySettings;
  seed: number;
  epochs: EpochReport[];
  /** Training images / training seconds over all epochs (validation passes excluded). */
  samplesPerSecond: number;
  /** Negative ELBO and terms on the 10000 test images, nats per image. */
  test: ElboEstimate;
  /** The MNIST test set (for figures). */
  testSet: MnistRows;
  /** Train / validation negative ELBO per epoch. */
  lossFigure: LineFigure;
}

/**
 * Trains one model of a gallery suite on grey-level MNIST with the sizes of {@link
 * GALLERY_SETTINGS} for the mode, seed 1, then evaluates it on the test set.
 *
 * @param label - Suite name, used in progress lines and the loss chart's title.
 * @param config - The model.
 * @param options - The CLI's options (mode, backend, workers).
 * @param objective - β, warm-up … (default: the plain ELBO).
 */
export async function trainGalleryModel(
  label: string,
  config: ModelConfig,
  options: BenchOptions,
  objective?: TrainOptions['objective'],
): Promise<GalleryRun> {
  const backend = await initBackend({ backend: options.backend });
  const trainer = await selectTrainer(options.workers);
  const settings = options.quick ? GALLERY_SETTINGS.quick : GALLERY_SETTINGS.full;
  const { train, test } = benchMnist();
  const conditional = config.kind === 'cvae';
  const withLabels = (rows: MnistRows) => ({
    x: rows.x,
    n: rows.n,
    ...(conditional ? { labels: rows.labels } : {}),
  });
  const seed = 1;
  const model = createModel(config, { seed });
  const epochs = await trainRun(trainer, model, withLabels(mnistRows(train, 0, settings.trainN)), {
    label,
    epochs: settings.epochs,
    seed,
    ...(objective ? { objective } : {}),
    validation: withLabels(mnistRows(train, train.n - settings.validationN, settings.validationN)),
  });
  const testResult = evaluateElbo(model, withLabels(test), { seed: 0 });
  return {
    model,
    backend,
    trainer,
    settings,
    seed,
    epochs,
    samplesPerSecond:
      (settings.trainN * epochs.length) / epochs.reduce((sum, e) => sum + e.seconds, 0),
    test: testResult,
    testSet: test,
    lossFigure: {
      kind: 'line',
      title: `${label}: negative ELBO per epoch (nats per image)`,
      xLabel: 'epoch',
      yLabel: 'nats per image',
      series: lossCurveSeries('', epochs),
      caption:
        `Train: epoch mean of recon + KL over the batches (${settings.trainN} training images). ` +
        `Validation (dashed): the last ${settings.validationN} MNIST training images, held out.`,
    },
  };
}

/** Header line shared by the gallery suites. */
export function galleryHeader(run: GalleryRun, what: string): string {
  const s = run.settings;
  return (
    `backend ${run.backend.name}, trainer ${run.trainer.name}; ${what}; ${s.epochs} epochs on ` +
    `${s.trainN} training images (validation: ${s.validationN} held out), batch 128, Adam 1e-3, seed ${run.seed}`
  );
}
