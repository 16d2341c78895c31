import type { Figure, LineFigure, LineSeries } from '@latentkit/report';
import { lossCurveSeries } from '../../training/loss-curves.js';
import type { TorchVaeResult } from '../../training/torch-baseline.js';
import { REFERENCE_CONFIG } from './reference-settings.js';
import type { ReferenceEvaluation, ReferenceRun } from './train-reference.js';

/** The zoomed test-loss chart starts at this epoch (1-based), when there are more epochs. */
const ZOOM_FROM = 3;

function torchSeries(t: TorchVaeResult, color: number): LineSeries[] {
  const x = t.epochs.map((e) => e.epoch + 1);
  return [
    { name: `PyTorch seed ${t.seed} train`, x, y: t.epochs.map((e) => e.train_loss), color },
    {
      name: `PyTorch seed ${t.seed} test`,
      x,
      y: t.epochs.map((e) => e.test_loss),
      color,
      dashed: true,
    },
  ];
}

/** Train and test loss per epoch of every run, latentkit and PyTorch. */
export function lossFigure(
  runs: readonly ReferenceRun[],
  torch: readonly TorchVaeResult[],
): Figure {
  return {
    kind: 'line',
    title: 'Reference VAE: loss per epoch (negative ELBO, nats per image)',
    xLabel: 'epoch',
    yLabel: 'nats per image',
    series: [
      ...runs.flatMap((r, i) =>
        lossCurveSeries(`latentkit seed ${r.seed}`, r.epochs, {
          color: i,
          validationName: 'test',
        }),
      ),
      ...torch.flatMap((t, i) => torchSeries(t, 3 + i)),
    ],
    caption:
      'Train: epoch mean of the batch losses (BCE summed over pixels + KL, one z per image). ' +
      'Test: negative ELBO of the 10000 test images after each epoch (dashed).',
  };
}

/**
 * The test curves from epoch {@link ZOOM_FROM} on, or none for runs that short (the curves
 * overlap at the scale of epoch 1; the end of training is what compares).
 */
export function zoomedTestFigures(
  epochs: number,
  runs: readonly ReferenceRun[],
  torch: readonly TorchVaeResult[],
): LineFigure[] {
  if (epochs <= ZOOM_FROM) return [];
  const tail = (name: string, x: number[], y: number[], color: number): LineSeries => ({
    name,
    x: x.slice(ZOOM_FROM - 1),
    y: y.slice(ZOOM_FROM - 1),
    color,
  });
  return [
    {
      kind: 'line',
      title: `Test loss from epoch ${ZOOM_FROM} (nats per image)`,
      xLabel: 'epoch',
      yLabel: 'nats per image',
      series: [
        ...runs.map((r, i) =>
          tail(
            `latentkit seed ${r.seed}`,
            r.epochs.map((e) => e.epoch + 1),
            r.epochs.map((e) => e.validation?.negElbo ?? Number.NaN),
            i,
          ),
        ),
        ...torch.map((t, i) =>
          tail(
            `PyTorch seed ${t.seed}`,
            t.epochs.map((e) => e.epoch + 1),
            t.epochs.map((e) => e.test_loss),
            3 + i,
          ),
        ),
      ],
      caption: 'The test curves of the chart above, zoomed on the last epochs.',
    },
  ];
}

/** KL per latent dimension of the evaluated model. */
export function klPerDimFigure(evaluation: ReferenceEvaluation): LineFigure {
  return {
    kind: 'line',
    title: `KL per latent dimension (seed ${evaluation.seed} model, test set)`,
    xLabel: 'latent dimension',
    yLabel: 'nats per image',
    series: [
      {
        name: 'KL(q(z_d|x) ‖ N(0,1))',
        x: evaluation.klPerDim.map((_, d) => d),
        y: evaluation.klPerDim,
        color: 0,
      },
    ],
    caption:
      `Closed-form KL of each dimension averaged over the 10000 test images; ${evaluation.activeUnits} of ` +
      `${REFERENCE_CONFIG.latentDim} units active (Var over the test set of μ_d > 0.01).`,
  };
}
