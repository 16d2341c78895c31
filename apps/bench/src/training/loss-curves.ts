import type { EpochReport } from '@latentkit/models';
import type { LineSeries } from '@latentkit/report';

/** Options of {@link lossCurveSeries}. */
export interface LossCurveOptions {
  /** Palette index of both series. Default: automatic (series position). */
  color?: number;
  /** Name of the validation series' data. Default `"validation"`. */
  validationName?: string;
}

/**
 * Loss-curve series of a training run, x = 1-based epoch: the training negative ELBO (epoch mean
 * of recon + KL over the batches, nats per image) and, when the reports have one, the validation
 * negative ELBO (dashed). For a β-VAE this is the ELBO, not the β-weighted objective.
 *
 * @param prefix - Series name prefix, e.g. `"latentkit seed 1"` (may be empty).
 * @param epochs - Per-epoch reports from `train`.
 * @param options - See {@link LossCurveOptions}.
 */
export function lossCurveSeries(
  prefix: string,
  epochs: readonly EpochReport[],
  options: LossCurveOptions = {},
): LineSeries[] {
  const x = epochs.map((e) => e.epoch + 1);
  const c = options.color === undefined ? {} : { color: options.color };
  const name = (what: string) => (prefix ? `${prefix} ${what}` : what);
  const series: LineSeries[] = [
    { name: name('train'), x, y: epochs.map((e) => e.recon + e.kl), ...c },
  ];
  if (epochs.some((e) => e.validation)) {
    series.push({
      name: name(options.validationName ?? 'validation'),
      x,
      y: epochs.map((e) => e.validation?.negElbo ?? Number.NaN),
      dashed: true,
      ...c,
    });
  }
  return series;
}
