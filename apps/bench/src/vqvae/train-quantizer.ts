import {
  createModel,
  type Model,
  mnistVqvaeConfig,
  type QuantizerConfig,
  train,
} from '@latentkit/models';
import type { MnistRows } from '../training/mnist.js';
import { epochProgress } from '../training/progress.js';
import { type CodeEvaluation, evaluateCodes } from './evaluate-codes.js';

/** One of the quantizers the suite compares. */
export interface QuantizerSetting {
  /** Short key for JSON and file names, e.g. `'ema-restart'`. */
  key: string;
  /** Legend and table name, e.g. `'EMA + restarts'`. */
  name: string;
  quantizer: QuantizerConfig;
}

/** Measurements after one epoch of a {@link QuantizerRun}. */
export interface EpochPoint {
  /** 1-based epoch. */
  epoch: number;
  /** Seconds of training steps in the epoch (evaluation excluded). */
  seconds: number;
  samplesPerSecond: number;
  /** Epoch means per image: loss and reconstruction term (Gaussian NLL, nats). */
  loss: number;
  recon: number;
  /** Code statistics of the epoch's training batches (from the train loop's report). */
  train: { perplexity: number; usage: number; restarted: number };
  /** On the evaluation images after the epoch. */
  test: { nmse: number; perplexity: number; usage: number };
}

/** A trained model and its history; the caller disposes `model`. */
export interface QuantizerRun {
  setting: QuantizerSetting;
  model: Model;
  epochs: EpochPoint[];
  /** Training images / training seconds over all epochs. */
  samplesPerSecond: number;
  /** Seconds of training steps. */
  trainSeconds: number;
  /** Wall-clock seconds from the first step to the end of the last epoch's evaluation. */
  wallSeconds: number;
  /** Wall-clock seconds (from the start) at the end of each epoch's evaluation. */
  wallAtEpoch: number[];
  /** The evaluation after the last epoch (codes, histogram, NMSE). */
  final: CodeEvaluation;
}

/** Options of {@link trainQuantizer}. */
export interface TrainQuantizerOptions {
  /** Maximum number of epochs. */
  epochs: number;
  seed: number;
  /** σ of the Gaussian decoder. */
  outputStd: number;
  /** The data variance of the NMSE. */
  variance: number;
  /** Stop after the first epoch for which this returns true. */
  stopWhen?: (point: EpochPoint) => boolean;
  /** Prefix of progress lines. */
  label: string;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/**
 * Trains one reference VQ-VAE with `train` from @latentkit/models (batch 128, Adam 1e-3; the
 * calling thread: EMA updates, k-means and restarts need the whole batch, so the worker trainer
 * refuses VQ-VAEs) and evaluates NMSE and code usage on `test` after every epoch.
 */
export async function trainQuantizer(
  setting: QuantizerSetting,
  data: MnistRows,
  test: MnistRows,
  options: TrainQuantizerOptions,
): Promise<QuantizerRun> {
  const model = createModel(
    mnistVqvaeConfig({ quantizer: setting.quantizer, outputStd: options.outputStd }),
    { seed: options.seed },
  );
  const batches = Math.ceil(data.n / 128);
  const points: EpochPoint[] = [];
  const wallAtEpoch: number[] = [];
  const stop = new AbortController();
  let final: CodeEvaluation | undefined;
  const label = `${options.label} ${setting.name}`;
  let bar = epochProgress(`${label} epoch 1/${options.epochs}`, batches);
  const t0 = performance.now();
  await train(
    model,
    { x: data.x, n: data.n },
    {
      epochs: options.epochs,
      batchSize: 128,
      learningRate: 1e-3,
      seed: options.seed,
      signal: stop.signal,
      onBatch: (r) => bar.batch(r.batch + 1, r.loss),
      onEpoch: (r) => {
        const ev = evaluateCodes(model, test, options.variance);
        final = ev;
        const vq = r.vq!;
        const point: EpochPoint = {
          epoch: r.epoch + 1,
          seconds: r.seconds,
          samplesPerSecond: r.samplesPerSecond,
          loss: r.loss,
          recon: r.recon,
          train: { perplexity: vq.perplexity, usage: vq.usage, restarted: vq.restarted },
          test: { nmse: ev.nmse, perplexity: ev.perplexity, usage: ev.usage },
        };
        points.push(point);
        wallAtEpoch.push((performance.now() - t0) / 1000);
        bar.done(
          `${label} epoch ${point.epoch}/${options.epochs}: ${r.seconds.toFixed(1)} s, ` +
            `${Math.round(r.samplesPerSecond)} samples/s; train perplexity ${vq.perplexity.toFixed(1)}, ` +
            `usage ${pct(vq.usage)}, ${vq.restarted} restarts; test NMSE ${ev.nmse.toFixed(4)}, ` +
            `perplexity ${ev.perplexity.toFixed(1)}, usage ${pct(ev.usage)}`,
        );
        const done = options.stopWhen?.(point) === true;
        if (done) stop.abort();
        else if (point.epoch < options.epochs) {
          bar = epochProgress(`${label} epoch ${point.epoch + 1}/${options.epochs}`, batches);
        }
      },
    },
  );
  const trainSeconds = points.reduce((s, p) => s + p.seconds, 0);
  return {
    setting,
    model,
    epochs: points,
    samplesPerSecond: (data.n * points.length) / trainSeconds,
    trainSeconds,
    wallSeconds: (performance.now() - t0) / 1000,
    wallAtEpoch,
    final: final!,
  };
}
