import type { ImageGridFigure, LineFigure, LineSeries } from '@latentkit/report';
import { imageFigure } from '../training/image-figure.js';
import { rankedShares } from './code-histogram.js';
import type { EpochPoint, QuantizerRun } from './train-quantizer.js';

/** Train (solid) and test (dashed) series of one value per epoch, one colour per quantizer. */
function perEpoch(
  runs: readonly Pick<QuantizerRun, 'setting' | 'epochs'>[],
  value: (p: EpochPoint, set: 'train' | 'test') => number,
  sets: ('train' | 'test')[],
): LineSeries[] {
  return sets.flatMap((set) =>
    runs.map((r, i) => ({
      name: sets.length > 1 ? `${r.setting.name} (${set})` : r.setting.name,
      x: r.epochs.map((p) => p.epoch),
      y: r.epochs.map((p) => value(p, set)),
      color: i,
      dashed: set === 'test' && sets.length > 1,
    })),
  );
}

/**
 * The suite's line charts: test NMSE, perplexity and codebook usage per epoch (train batches
 * solid, test images dashed), and the code-usage histogram of the test images.
 *
 * @param testName - Describes the evaluation images, e.g. `"the 10000 MNIST test images"`.
 */
export function vqvaeLineFigures(
  runs: readonly Pick<QuantizerRun, 'setting' | 'epochs'>[],
  counts: Float64Array[],
  testName: string,
  variance: number,
): LineFigure[] {
  const k = counts[0]!.length;
  return [
    {
      kind: 'line',
      title: 'VQ-VAE: test reconstruction NMSE per epoch',
      xLabel: 'epoch',
      yLabel: 'NMSE (MSE / data variance)',
      series: [
        ...perEpoch(runs, (p) => p.test.nmse, ['test']),
        {
          name: 'target 0.0444',
          x: runs[0]!.epochs.map((p) => p.epoch),
          y: runs[0]!.epochs.map(() => 0.0444),
          dashed: true,
          color: 7,
        },
      ],
      caption:
        `Mean squared error per pixel of E[x|z_q] on ${testName}, divided by the variance of the ` +
        `training pixels (${variance.toFixed(4)}); the Keras example reaches 0.0444 on its training ` +
        'set after 30 epochs.',
    },
    {
      kind: 'line',
      title: 'VQ-VAE: codebook perplexity per epoch',
      xLabel: 'epoch',
      yLabel: `perplexity (max ${k})`,
      series: perEpoch(runs, (p, set) => p[set].perplexity, ['train', 'test']),
      caption:
        'exp of the entropy of the code frequencies: over all training batches of the epoch ' +
        `(solid) and over ${testName} after the epoch (dashed). ${k} means every code equally used.`,
    },
    {
      kind: 'line',
      title: 'VQ-VAE: codebook usage per epoch',
      xLabel: 'epoch',
      yLabel: 'codes used (%)',
      series: perEpoch(runs, (p, set) => 100 * p[set].usage, ['train', 'test']),
      caption: `Share of the ${k} codes used at least once: in the epoch's training batches (solid), by ${testName} (dashed).`,
    },
    {
      kind: 'line',
      title: 'VQ-VAE: code-usage histogram (codes ranked by frequency)',
      xLabel: 'code rank',
      yLabel: 'share of latent vectors (%)',
      series: runs.map((r, i) => {
        const shares = rankedShares(counts[i]!);
        return {
          name: r.setting.name,
          x: shares.map((_, j) => j + 1),
          y: shares.map((s) => 100 * s),
          color: i,
        };
      }),
      caption:
        `How often each code is chosen by the 7×7 latent vectors of ${testName}, codes sorted from ` +
        `most to least used: a uniformly used codebook is a flat line at ${(100 / k).toFixed(2)}%; ` +
        'a collapsed one drops to 0 after a few codes.',
    },
  ];
}

/**
 * Originals (first row) and each quantizer's reconstructions (one row each) of the same test
 * images.
 */
export function reconstructionFigure(
  originals: Float32Array,
  recons: Float32Array[],
  names: string[],
  cols: number,
): ImageGridFigure {
  const values = new Float32Array((recons.length + 1) * cols * 784);
  values.set(originals.subarray(0, cols * 784), 0);
  recons.forEach((r, i) => {
    values.set(r.subarray(0, cols * 784), (i + 1) * cols * 784);
  });
  return imageFigure(values, {
    title: 'VQ-VAE reconstructions (test images)',
    rows: recons.length + 1,
    cols,
    rowLabels: ['original', ...names],
    caption:
      'Row 1: MNIST test images; below: E[x|z_q] of the same images through each trained model ' +
      '(encode to the 7×7 code grid, decode).',
  });
}
