/**
 * The training demo's page state and what it says: the losses the worker streamed, turned into
 * the chart's series, the progress line, the status line and the `data-*` attributes tests read.
 * Pure functions, tested in Node.
 */
import type { ModelConfig } from '@latentkit/models';
import { paletteColor } from '@latentkit/report';
import { fmt } from '../common/dom.js';
import type { LineChartView, LineSeries } from '../common/line-chart.js';
import { runningMean } from './frame-monitor.js';
import type { BatchEvent, TrainOutcome } from './train-session.js';

/** What the page keeps of the training so far (since the last reset). */
export interface TrainState {
  /** Loss (negative ELBO, nats per image) of every step. */
  losses: number[];
  /** Test −ELBO after each epoch, at the index of the epoch's last step. */
  testCurve: { step: number; value: number }[];
}

/** An empty state (new random weights). */
export function emptyTrainState(): TrainState {
  return { losses: [], testCurve: [] };
}

/** Window of the running mean drawn over the per-step losses. */
export const RUNNING_MEAN_WINDOW = 20;

/** The losses as `data-loss-history` holds them: comma-separated, 2 decimals. */
export function lossHistoryText(losses: readonly number[]): string {
  return losses.map((l) => l.toFixed(2)).join(',');
}

/** The chart's three series: loss per step, its running mean, test −ELBO per epoch (dashed). */
export function lossSeries(state: TrainState): LineSeries[] {
  const xs = state.losses.map((_, i) => i);
  return [
    { label: 'loss per step', color: paletteColor(2), y: state.losses, x: xs },
    {
      label: `running mean (${RUNNING_MEAN_WINDOW})`,
      color: paletteColor(0),
      y: runningMean(state.losses, RUNNING_MEAN_WINDOW),
      x: xs,
    },
    {
      label: 'test −ELBO',
      color: paletteColor(1),
      y: state.testCurve.map((p) => p.value),
      x: state.testCurve.map((p) => p.step),
      dashed: true,
    },
  ];
}

/**
 * The chart's y range: from 20 nats under the lowest of the last 200 losses (not below 0) to the
 * highest of the first 5 (at least 250, at most 600), so the first steps' huge losses do not
 * flatten the curve. Empty (the chart's own range) before the first step.
 */
export function lossRange(losses: readonly number[]): LineChartView {
  if (losses.length === 0) return {};
  return {
    yMin: Math.max(0, Math.min(...losses.slice(-200)) - 20),
    yMax: Math.min(600, Math.max(...losses.slice(0, 5), 250)),
  };
}

/** The progress line after a step of a run of `epochs` epochs. */
export function batchProgressText(b: BatchEvent, epochs: number): string {
  return (
    `epoch ${b.epoch + 1}/${epochs}, step ${b.steps}: loss ${fmt(b.loss, 1)} nats ` +
    `(recon ${fmt(b.recon, 1)} + KL ${fmt(b.kl, 1)}), ` +
    `${Math.round(b.imagesPerSecond)} images/s`
  );
}

/** The progress line when a run has ended. */
export function outcomeText(outcome: TrainOutcome, epochs: number): string {
  return outcome.aborted
    ? `Stopped after ${outcome.steps} steps.`
    : `Done: ${epochs} epochs, ${outcome.steps} steps in total.`;
}

/** Hidden sizes of the encoder as the status line names them (`128`, `256-64`, or `conv`). */
function encoderText(config: ModelConfig): string {
  return config.encoder.type === 'mlp' ? (config.encoder.hidden ?? []).join('-') : 'conv';
}

/** The status line once the model is built. */
export function modelStatusText(
  config: ModelConfig,
  info: { numParams: number; trainCount: number; testCount: number },
  seed: number,
): string {
  return (
    `Model: a VAE ${config.inputShape.join('×')} → ${encoderText(config)} → ${config.latentDim}-D latent, ` +
    `${info.numParams.toLocaleString('en-US')} parameters, random weights (seed ${seed}); ` +
    `trained in a Web Worker; training data: the subset's ${info.trainCount} training digits; ` +
    `test: ${info.testCount} test digits.`
  );
}
