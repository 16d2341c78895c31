import { benchMnist, type MnistRows, mnistRows } from '../../training/mnist.js';
import { decodeCodes } from '../../vqvae/evaluate-codes.js';
import { type Judgement, judgeSamples } from '../../vqvae/judge-samples.js';
import { pixelVariance } from '../../vqvae/nmse.js';
import { type PriorRun, trainCodePrior } from '../../vqvae/prior-run.js';
import { QUANTIZERS, TARGETS, type VqvaeSettings } from '../../vqvae/settings.js';
import { runTorchVqvae, type TorchVqvaeOutcome } from '../../vqvae/torch-vqvae.js';
import { type QuantizerRun, trainQuantizer } from '../../vqvae/train-quantizer.js';

/** Seed of every model, the prior and its samples. */
export const SEED = 1;
/** Images per row of the suite's image grids. */
export const GRID_COLS = 12;

/** One quantizer's run as plain data: its history and final evaluation, the model's config. */
export type VqvaeRunData = Omit<QuantizerRun, 'model'> & {
  config: QuantizerRun['model']['config'];
};

/** The PixelCNN prior's figures (the network itself is disposed). */
export type PriorData = Omit<PriorRun, 'sample' | 'dispose'>;

/** What the vqvae suite computed, every model already disposed. */
export interface VqvaeTraining {
  /** Variance of the training images' pixels (pixels / 255), the NMSE's denominator. */
  variance: number;
  /** Plain VQ, EMA, EMA + restarts. */
  runs: VqvaeRunData[];
  /** The first {@link GRID_COLS} test images, pixels / 255. */
  originals: Float32Array;
  /** Their reconstructions through each run's code grid. */
  recons: Float32Array[];
  prior: PriorData;
  /** Prior samples, random-code decodings and the classifiers' verdicts. */
  judged: Judgement;
  /** Seconds from the start of training to the end of judging (PyTorch's twin excluded). */
  totalSeconds: number;
  /** The PyTorch twin of the EMA + restarts run, or why it did not run. */
  torch: TorchVqvaeOutcome;
}

/** Options of {@link trainVqvae} beyond the mode's settings. */
export interface TrainVqvaeOptions {
  /** `--torch-threads`: the PyTorch twin probes only this thread count. */
  torchThreads?: number | undefined;
  /** Interleaved probe rounds per PyTorch configuration. Default 2. */
  probeRounds?: number;
}

/** Trains the three quantizers: EMA + restarts first (in full mode it decides the epochs). */
async function trainAll(
  s: VqvaeSettings,
  data: MnistRows,
  test: MnistRows,
  variance: number,
): Promise<QuantizerRun[]> {
  const common = { seed: SEED, outputStd: Math.sqrt(variance / 2), variance, label: 'vqvae' };
  const restart = await trainQuantizer(QUANTIZERS[2]!, data, test, {
    ...common,
    epochs: s.epochs,
    ...(s.stopAtTarget && {
      stopWhen: (p) => p.test.nmse <= TARGETS.nmse && p.test.usage >= TARGETS.usage,
    }),
  });
  const epochs = restart.epochs.length;
  const plain = await trainQuantizer(QUANTIZERS[0]!, data, test, { ...common, epochs });
  const ema = await trainQuantizer(QUANTIZERS[1]!, data, test, { ...common, epochs });
  return [plain, ema, restart];
}

function runData({ model, ...rest }: QuantizerRun): VqvaeRunData {
  return { ...rest, config: model.config };
}

function priorData({ sample: _s, dispose: _d, ...rest }: PriorRun): PriorData {
  return rest;
}

/**
 * Trains plain VQ, EMA and EMA + restarts on the first `trainN` training images, a PixelCNN prior
 * over the EMA + restart model's codes, and the classifiers that judge its samples; decodes the
 * image grids; disposes every model. Right after the three quantizer runs, the PyTorch twin of
 * the EMA + restarts run trains for as many epochs on the same images (see `runTorchVqvae`).
 */
export async function trainVqvae(
  s: VqvaeSettings,
  options: TrainVqvaeOptions = {},
): Promise<VqvaeTraining> {
  const mnist = benchMnist();
  const data = mnistRows(mnist.train, 0, s.trainN);
  const test = mnistRows(mnist.test, 0, s.testN);
  const variance = pixelVariance(data.x, 1 / 255);
  const t0 = performance.now();
  const runs = await trainAll(s, data, test, variance);
  const [, , restart] = runs as [QuantizerRun, QuantizerRun, QuantizerRun];
  const torchStart = performance.now();
  const torch = await runTorchVqvae({
    dataDir: mnist.directory,
    epochs: restart.epochs.length,
    seed: SEED,
    trainN: s.trainN,
    testN: s.testN,
    outputStd: Math.sqrt(variance / 2),
    variance,
    threads: options.torchThreads,
    probeRounds: options.probeRounds ?? 2,
  });
  const torchSeconds = (performance.now() - torchStart) / 1000;
  const originals = Float32Array.from(test.x.subarray(0, GRID_COLS * 784), (v) => v / 255);
  const recons = runs.map((r) =>
    decodeCodes(r.model, r.final.codes.subarray(0, GRID_COLS * 49), GRID_COLS),
  );
  let prior: PriorRun | undefined;
  try {
    prior = await trainCodePrior(restart.model, data, restart.final.codes, s.prior, SEED);
    const judged = judgeSamples(restart, prior, mnist.train, test, s, SEED);
    const totalSeconds = (performance.now() - t0) / 1000 - torchSeconds;
    return {
      variance,
      runs: runs.map(runData),
      originals,
      recons,
      prior: priorData(prior),
      judged,
      totalSeconds,
      torch,
    };
  } finally {
    prior?.dispose();
    for (const r of runs) r.model.dispose();
  }
}
