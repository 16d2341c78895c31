import type { Figure } from '@latentkit/report';
import type { BackendInfo } from '@latentkit/tensor';
import type { BenchOutput, BenchTable } from '../../benchmark.js';
import { imageFigure } from '../../training/image-figure.js';
import { reconstructionFigure, vqvaeLineFigures } from '../../vqvae/figures.js';
import type { Judgement, Verdict } from '../../vqvae/judge-samples.js';
import { TARGETS, type VqvaeSettings } from '../../vqvae/settings.js';
import type { TopClassSummary } from '../../vqvae/top-class.js';
import {
  brief,
  meetsTargets,
  type RunHistory,
  targetEpoch,
  timeToEpoch,
  totalRestarts,
} from './measure-vqvae.js';
import { compareTorchVqvae, torchVqvaeSection } from './torch-comparison.js';
import { GRID_COLS, SEED, type VqvaeRunData, type VqvaeTraining } from './train-vqvae.js';

/** Everything the vqvae report is built from. */
export interface VqvaeReportInput {
  backend: BackendInfo;
  settings: VqvaeSettings;
  quick: boolean;
  training: VqvaeTraining;
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Prior samples, two rows per temperature. */
function samplesFigure(j: Judgement) {
  const rows = 2 * j.temperatures.length;
  const per = 2 * GRID_COLS * 784;
  const values = new Float32Array(rows * GRID_COLS * 784);
  j.samples.forEach((x, i) => {
    values.set(x.subarray(0, per), i * per);
  });
  return imageFigure(values, {
    title: 'PixelCNN prior samples (EMA + restart model), decoded',
    rows,
    cols: GRID_COLS,
    rowLabels: j.temperatures.flatMap((t) => [`T = ${t}`, `T = ${t}`]),
    caption:
      `7×7 code grids drawn from the PixelCNN prior (seed ${SEED}; two rows per temperature T), ` +
      'decoded by the EMA + restart VQ-VAE.',
  });
}

/** The two classifiers' verdicts on real digits, reconstructions, prior samples and random codes. */
export function judgeNotes(
  j: Pick<Judgement, 'temperatures' | 'verdicts'>,
  s: VqvaeSettings,
): string[] {
  const f = (x: TopClassSummary) => x.meanTopProbability.toFixed(3);
  const line = (v: Verdict) =>
    `real test digits ${f(v.real)}, their reconstructions through the code grid ${f(v.reconstructed)} ` +
    `(the ceiling for a prior's samples), prior samples ${v.prior.map((p, i) => `${f(p)} (T = ${j.temperatures[i]})`).join(', ')}, ` +
    `uniformly random codes ${f(v.random)}`;
  const [judge, plain] = j.verdicts as [Verdict, Verdict];
  return [
    `judge: MLP 784-${s.classifier.hidden}-10 trained ${s.classifier.epochs} epochs on all 60000 labelled ` +
      `training images with outlier exposure (weight ${judge.outlierWeight}: as many shuffled-pixel ` +
      `digits and two-digit overlays per batch, trained towards uniform; ${judge.seconds.toFixed(0)} s), ` +
      `test accuracy ${pct(judge.real.accuracy!)}. Mean top-class probability (${s.scored} images each): ${line(judge)}.`,
    `the same MLP without outlier exposure (test accuracy ${pct(plain.real.accuracy!)}): ${line(plain)} — ` +
      'softmax confidence alone rates random textures like digits.',
  ];
}

/** Whether the EMA + restart run met the targets, and when it first did. */
export function targetNotes(run: RunHistory, s: VqvaeSettings): string[] {
  const last = run.epochs[run.epochs.length - 1]!;
  const at = targetEpoch(run);
  const met = meetsTargets(last);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `targets (EMA + restarts, ${s.testN} test images): NMSE ≤ ${TARGETS.nmse} ${verdict(met.nmse)} ` +
      `(${last.test.nmse.toFixed(4)}), usage ≥ ${pct(TARGETS.usage)} ${verdict(met.usage)} ` +
      `(${pct(last.test.usage)}).`,
  ];
  if (at !== undefined) {
    const time = timeToEpoch(run, at);
    lines.push(
      `both targets first met after epoch ${at}: ${time.train.toFixed(0)} s of training steps, ` +
        `${time.wall.toFixed(0)} s wall-clock with the per-epoch test evaluations.`,
    );
  } else if (s.stopAtTarget) {
    lines.push(`targets not met within ${s.epochs} epochs.`);
  }
  return lines;
}

/** One row per quantizer: last-epoch test figures, restarts, speed. */
export function vqvaeTable(runs: readonly VqvaeRunData[]): BenchTable {
  return {
    columns: [
      'quantizer',
      'test NMSE',
      'test perplexity',
      'test usage',
      'train usage (last epoch)',
      'restarts',
      'samples/s',
      'train s',
    ],
    rows: runs.map((r) => {
      const last = r.epochs[r.epochs.length - 1]!;
      return [
        r.setting.name,
        last.test.nmse.toFixed(4),
        last.test.perplexity.toFixed(1),
        pct(last.test.usage),
        pct(last.train.usage),
        String(totalRestarts(r)),
        String(Math.round(r.samplesPerSecond)),
        r.trainSeconds.toFixed(0),
      ];
    }),
  };
}

function vqvaeFigures(t: VqvaeTraining, testName: string): Figure[] {
  return [
    ...vqvaeLineFigures(
      t.runs,
      t.runs.map((r) => r.final.counts),
      testName,
      t.variance,
    ),
    reconstructionFigure(
      t.originals,
      t.recons,
      t.runs.map((r) => r.setting.name),
      GRID_COLS,
    ),
    samplesFigure(t.judged),
    imageFigure(t.judged.random.subarray(0, 2 * GRID_COLS * 784), {
      title: 'Uniformly random code grids, decoded (baseline)',
      rows: 2,
      cols: GRID_COLS,
      caption:
        'Each of the 49 codes drawn uniformly from the 128: what samples look like without a prior.',
    }),
  ];
}

function vqvaeNotes(input: VqvaeReportInput, testName: string): string[] {
  const { settings: s, training: t } = input;
  const p = t.prior;
  const restart = t.runs[2]!;
  return [
    `NMSE: mean squared error per pixel of E[x|z_q] on ${testName}, divided by the variance of ` +
      `the ${s.trainN} training images' pixels (${t.variance.toFixed(4)}); the Keras example's 0.0444 is on its training set after 30 epochs.`,
    ...targetNotes(restart, s),
    ...torchVqvaeSection(restart, t.torch).notes,
    `PixelCNN prior (${p.config.filters} filters, ${p.config.residualBlocks} residual blocks, ` +
      `${s.prior.epochs} epochs on the ${s.trainN} training grids, ${p.seconds.toFixed(0)} s): ` +
      `NLL ${p.testBits.toFixed(3)} bits per code on the test images' codes ` +
      `(training codes ${p.trainBits.toFixed(3)}; uniform over 128 codes: 7 bits).`,
    ...judgeNotes(t.judged, s),
    `suite time after data loading: ${t.totalSeconds.toFixed(0)} s.`,
    ...(input.quick
      ? [
          `QUICK: ${s.trainN} training images, ${s.epochs} epochs, a small prior; the NMSE and ` +
            'usage targets are for --full (all 60000 images).',
        ]
      : []),
  ];
}

function vqvaeResults(input: VqvaeReportInput) {
  const { settings: s, training: t } = input;
  const p = t.prior;
  return {
    backend: input.backend,
    settings: s,
    seed: SEED,
    variance: t.variance,
    targets: TARGETS,
    targetEpoch: targetEpoch(t.runs[2]!) ?? null,
    runs: t.runs.map((r) => ({
      key: r.setting.key,
      name: r.setting.name,
      quantizer: r.setting.quantizer,
      config: r.config,
      epochs: r.epochs,
      samplesPerSecond: r.samplesPerSecond,
      trainSeconds: r.trainSeconds,
      wallSeconds: r.wallSeconds,
      wallAtEpoch: r.wallAtEpoch,
      final: {
        nmse: r.final.nmse,
        mse: r.final.mse,
        perplexity: r.final.perplexity,
        usage: r.final.usage,
        counts: Array.from(r.final.counts),
      },
    })),
    prior: {
      config: p.config,
      epochs: p.epochs,
      trainBitsPerCode: p.trainBits,
      testBitsPerCode: p.testBits,
      seconds: p.seconds,
    },
    classifier: {
      settings: s.classifier,
      scored: s.scored,
      temperatures: t.judged.temperatures,
      verdicts: t.judged.verdicts.map((v) => ({
        ...v,
        real: brief(v.real),
        reconstructed: brief(v.reconstructed),
        prior: v.prior.map(brief),
        random: brief(v.random),
      })),
    },
    totalSeconds: t.totalSeconds,
    torch: t.torch.ran
      ? {
          ran: true,
          result: t.torch.result,
          config: t.torch.config,
          comparison: compareTorchVqvae(t.runs[2]!, t.torch),
        }
      : t.torch,
  };
}

/** The vqvae report: header, table, notes, figures and the JSON results. */
export function renderVqvae(input: VqvaeReportInput): BenchOutput {
  const { backend, settings: s, training: t } = input;
  const testName = `the first ${s.testN} MNIST test images`;
  return {
    header: [
      `backend ${backend.name}, train (1 thread: EMA, k-means and restarts need the whole batch); ` +
        `conv VQ-VAE 28×28 → 7×7×16, K = 128, β = 0.25, Gaussian decoder σ = √(var/2) = ` +
        `${Math.sqrt(t.variance / 2).toFixed(3)} (loss ∝ the Keras example's MSE/var + VQ terms); ` +
        `batch 128, Adam 1e-3, seed ${SEED}; ${t.runs[0]!.epochs.length} epochs on ${s.trainN} training images`,
    ],
    table: {
      ...vqvaeTable(t.runs),
      rows: [...vqvaeTable(t.runs).rows, ...torchVqvaeSection(t.runs[2]!, t.torch).rows],
    },
    notes: vqvaeNotes(input, testName),
    figures: vqvaeFigures(t, testName),
    results: vqvaeResults(input),
  };
}
