import type { BackendInfo } from '@latentkit/tensor';
import type { BenchOutput, BenchTable } from '../../benchmark.js';
import type { TorchVaeResult } from '../../training/torch-baseline.js';
import { configNote } from '../../training/torch-config.js';
import type { Trainer } from '../../training/trainer.js';
import { type ReferenceMeasures, torchSecondsPerEpoch } from './measure-reference.js';
import { klPerDimFigure, lossFigure, zoomedTestFigures } from './reference-figures.js';
import {
  RECORDED_TORCH,
  REFERENCE_CONFIG,
  type ReferenceSettings,
  TARGET_TEST_LOSS,
} from './reference-settings.js';
import { stepProfileNotes } from './step-profile.js';
import { scalingNotes, scalingRatios } from './thread-scaling.js';
import type { ReferenceEvaluation, ReferenceRun, ReferenceTraining } from './train-reference.js';

/** Everything the reference report is built from. */
export interface ReferenceReportInput {
  info: BackendInfo;
  trainer: Pick<Trainer, 'name' | 'workers'>;
  settings: ReferenceSettings;
  quick: boolean;
  training: ReferenceTraining;
  measures: ReferenceMeasures;
}

/** Thousands with two decimals, e.g. `12.34k`. */
export const k = (x: number) => `${(x / 1000).toFixed(2)}k`;

const COLUMNS = ['run', 'epochs', 'samples/s', 's/epoch', 'test −ELBO (nats)', 'source'];

/** One row per latentkit seed, their mean (two or more seeds), then PyTorch measured or recorded. */
export function referenceTable(
  settings: ReferenceSettings,
  training: Pick<ReferenceTraining, 'runs' | 'torch' | 'trainN'>,
  measures: Pick<ReferenceMeasures, 'ours' | 'recordedLosses'>,
): BenchTable {
  const { runs, torch } = training;
  const { ours } = measures;
  const rows: string[][] = runs.map((r) => [
    `latentkit seed ${r.seed}`,
    String(r.epochs.length),
    k(r.samplesPerSecond),
    r.secondsPerEpoch.toFixed(2),
    r.testLoss.toFixed(2),
    'measured',
  ]);
  if (runs.length > 1) {
    rows.push([
      'latentkit mean',
      String(settings.epochs),
      k(ours.samplesPerSecond),
      ours.secondsPerEpoch.toFixed(2),
      ours.testLoss.toFixed(2),
      'measured',
    ]);
  }
  if (torch.length > 0) rows.push(...torch.map(torchRow));
  else {
    rows.push([
      'PyTorch 1.13 (recorded)',
      String(RECORDED_TORCH.epochs),
      k(RECORDED_TORCH.samplesPerSecond),
      (training.trainN / RECORDED_TORCH.samplesPerSecond).toFixed(2),
      measures.recordedLosses.map((v) => v.toFixed(2)).join(' / '),
      'recorded, not measured',
    ]);
  }
  return { columns: COLUMNS, rows };
}

function torchRow(t: TorchVaeResult): string[] {
  return [
    `PyTorch ${t.torch_version} seed ${t.seed} (${t.threads} thread${t.threads > 1 ? 's' : ''}${t.tuned ? ', tuned malloc' : ''})`,
    String(t.epochs.length),
    k(t.samples_per_second),
    torchSecondsPerEpoch(t).toFixed(2),
    (t.test_loss ?? Number.NaN).toFixed(2),
    'measured',
  ];
}

/** The comparison with PyTorch: ratio and loss difference (and spread), or why it is recorded. */
export function torchNotes(
  measures: ReferenceMeasures,
  counts: { runs: number; torch: number },
  trainerName: string,
): string[] {
  const { ours, torch, ratio, spread } = measures;
  if (!torch.measured) {
    return [
      `PyTorch not measured: ${torch.reason}.`,
      `throughput latentkit / PyTorch (recorded, not measured: ${k(RECORDED_TORCH.samplesPerSecond)} samples/s): ` +
        `${ratio.value.toFixed(2)}×`,
    ];
  }
  const best = torch.config ? ' (PyTorch in its best configuration)' : '';
  const notes = [
    `throughput latentkit / PyTorch, measured in this run: ${ratio.value.toFixed(2)}×${best} ` +
      `(${k(ours.samplesPerSecond)} vs ${k(torch.samplesPerSecond)} samples/s; latentkit: ${trainerName})`,
    ...(torch.config ? [configNote(torch.config, torch.samplesPerSecond)] : []),
    `test loss latentkit − PyTorch: ${(ours.testLoss - torch.testLoss).toFixed(2)} nats (same epochs and seeds; ` +
      'different random streams, so seed-to-seed spread applies)',
  ];
  if (spread) {
    notes.push(
      `seed-to-seed spread of the test loss (sample std over ${counts.runs} / ${counts.torch} seeds): ` +
        `latentkit ${spread.ours.toFixed(2)}, PyTorch ${spread.torch.toFixed(2)} nats; ` +
        `difference of the means ${(ours.testLoss - torch.testLoss).toFixed(2)} ± ${spread.standardError.toFixed(2)} (standard error)`,
    );
  }
  return notes;
}

/** The quick-mode warning, or the target's verdict in full mode. */
export function targetNote(
  quick: boolean,
  settings: ReferenceSettings,
  measures: Pick<ReferenceMeasures, 'ours' | 'targetMet'>,
): string {
  if (quick) {
    return (
      `QUICK: ${settings.epochs} epochs, seed ${settings.seeds.join(', ')} only — the test loss is not ` +
      `comparable with the 10-epoch reference (PyTorch 105.25 / 105.76 nats); run with --full.`
    );
  }
  return (
    `target: mean test loss over seeds ≤ ${TARGET_TEST_LOSS} nats after 10 epochs: ` +
    `${measures.ours.testLoss.toFixed(2)} → ${measures.targetMet ? 'met' : 'NOT met'}`
  );
}

/** The first seed's model on the test set: ELBO terms, IWAE and active units. */
export function evaluationNote(e: ReferenceEvaluation): string {
  return (
    `seed ${e.seed} model on the test set: −ELBO ${e.negElbo.toFixed(2)} = recon ` +
    `${e.recon.toFixed(2)} + KL ${e.kl.toFixed(2)} nats; IWAE estimate of −log p(x) ` +
    `with k = ${e.iwae.k} on ${e.iwae.images} test images: ${e.iwae.nll.toFixed(2)} nats; ` +
    `active units ${e.activeUnits} of ${REFERENCE_CONFIG.latentDim}.`
  );
}

const HOW_TO_READ = [
  'test loss = negative ELBO per test image in nats: BCE against grey-level pixels (pixels/255, not',
  'binarized) summed over 784 pixels + closed-form KL, one z sample per image, averaged over 10000',
  'test images (as pytorch/examples reports it). samples/s = training images / training seconds.',
];

/** The reference run's report: header, table, notes, figures and the JSON results. */
export function renderReference(input: ReferenceReportInput): BenchOutput {
  const { info, trainer, settings, quick, training, measures } = input;
  const { runs, torch, evaluation } = training;
  const notes = [
    ...torchNotes(measures, { runs: runs.length, torch: torch.length }, trainer.name),
    ...scalingNotes(training.scaling, scalingRatios(training.scaling, training.torchConfig)),
    ...stepProfileNotes(training.stepProfile),
    targetNote(quick, settings, measures),
    ...(evaluation ? [evaluationNote(evaluation)] : []),
    ...HOW_TO_READ,
  ];
  return {
    header: [
      `backend ${info.name} (SIMD ${info.simd ? 'yes' : 'no'}), trainer ${trainer.name}; ` +
        `${settings.epochs} epochs × 60000 images, batch 128, Adam 1e-3, seeds ${settings.seeds.join(', ')}`,
    ],
    table: referenceTable(settings, training, measures),
    notes,
    figures: [
      lossFigure(runs, torch),
      ...zoomedTestFigures(settings.epochs, runs, torch),
      ...(evaluation ? [klPerDimFigure(evaluation)] : []),
      ...training.modelFigures,
    ],
    results: referenceResults(input, runs),
  };
}

function referenceResults(input: ReferenceReportInput, runs: ReferenceRun[]) {
  const { measures, quick } = input;
  return {
    backend: input.info,
    trainer: { name: input.trainer.name, workers: input.trainer.workers },
    settings: input.settings,
    config: REFERENCE_CONFIG,
    runs,
    ours: measures.ours,
    torch: measures.torch,
    torchConfig: input.training.torchConfig,
    throughputRatio: measures.ratio,
    threadScaling: {
      ...input.training.scaling,
      ...scalingRatios(input.training.scaling, input.training.torchConfig),
    },
    stepProfile: input.training.stepProfile,
    evaluation: input.training.evaluation,
    target: quick ? undefined : { testLoss: TARGET_TEST_LOSS, met: measures.targetMet },
  };
}
