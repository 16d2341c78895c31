/**
 * The training demo's elements: Start / Stop / Reset, the epochs and learning-rate controls, the
 * loss chart, the progress line and the three rows of 28 × 28 images (prior samples, test digits,
 * reconstructions). It draws what it is given and reports the user's choices through callbacks;
 * it holds no model and no numbers of its own.
 */
import {
  button,
  figure,
  h,
  pixelCanvas,
  putRgba,
  rangeControl,
  selectControl,
} from '../common/dom.js';
import { createLineChart, type LineChartView, type LineSeries } from '../common/line-chart.js';
import { intensityToRgba } from '../common/pixels.js';

/** What the view tells the demo. */
export interface TrainViewEvents {
  onStart(): void;
  onStop(): void;
  onReset(): void;
  onEpochs(epochs: number): void;
  onLearningRate(lr: number): void;
}

/** The demo's view; see the module comment. */
export interface TrainView {
  /** The demo's panels (appended to the frame's body, which lays them out side by side). */
  panels: HTMLElement[];
  drawChart(series: LineSeries[], range: LineChartView): void;
  /** Draws a row (`[count × 784]` intensities). */
  drawRow(row: 'samples' | 'originals' | 'recons', images: Float32Array): void;
  setProgress(text: string): void;
  /** Enables Stop while a run goes on, Start and Reset otherwise (`ready`: whether they can be). */
  setRunning(running: boolean, ready?: boolean): void;
}

/** Learning rates offered. */
export const LEARNING_RATES = ['3e-4', '1e-3', '3e-3'];

/**
 * Builds the view with rows of `count` images.
 *
 * @param count - Images per row.
 * @param initial - The epochs and learning rate the controls show first.
 * @param events - Callbacks for the user's choices.
 */
export function createTrainView(
  count: number,
  initial: { epochs: number; learningRate: string },
  events: TrainViewEvents,
): TrainView {
  const chart = createLineChart({
    width: 460,
    height: 240,
    xLabel: 'step',
    yLabel: 'nats per image',
    description:
      'Training loss (negative ELBO) per step, its running mean, and the test negative ELBO after each epoch.',
  });
  const row = (label: string) =>
    Array.from({ length: count }, (_, i) => pixelCanvas(28, 28, 48, `${label} ${i + 1}`));
  const rows = {
    samples: row('Prior sample'),
    recons: row('Reconstruction'),
    originals: row('Test digit'),
  };
  const progress = h('p', { class: 'lk-note' }, 'Press Start to train.');
  const startButton = button('Start', () => events.onStart(), { disabled: true });
  const stopButton = button('Stop', () => events.onStop(), { disabled: true });
  const resetButton = button('Reset', () => events.onReset(), { disabled: true });
  const epochsControl = rangeControl({
    label: 'Epochs',
    min: 1,
    max: 30,
    step: 1,
    value: initial.epochs,
    onInput: (v) => events.onEpochs(v),
  });
  const lrSelect = selectControl(
    'Learning rate',
    LEARNING_RATES.map((v) => ({ value: v, text: v })),
    initial.learningRate,
    (v) => events.onLearningRate(Number(v)),
  );
  const panels = [
    h(
      'div',
      { class: 'lk-panel' },
      h('div', { class: 'lk-row' }, startButton, stopButton, resetButton),
      h('div', { class: 'lk-row' }, epochsControl.root, lrSelect.root),
      figure(
        'Loss per step (light), its running mean (dark), test −ELBO after each epoch (red, dashed).',
        chart.canvas,
      ),
      progress,
    ),
    h(
      'div',
      { class: 'lk-panel' },
      figure(
        `Samples from the prior (the same ${count} codes each epoch).`,
        h('div', { class: 'lk-row' }, ...rows.samples),
      ),
      figure('Test digits …', h('div', { class: 'lk-row' }, ...rows.originals)),
      figure('… and their reconstructions.', h('div', { class: 'lk-row' }, ...rows.recons)),
    ),
  ];
  return {
    panels,
    drawChart: (series, range) => chart.draw(series, range),
    drawRow(which, images) {
      rows[which].forEach((c, i) => {
        putRgba(c, intensityToRgba(images.subarray(i * 784, (i + 1) * 784), 28, 28));
      });
    },
    setProgress(text) {
      progress.textContent = text;
    },
    setRunning(running, ready = true) {
      startButton.disabled = running || !ready;
      resetButton.disabled = running || !ready;
      stopButton.disabled = !running;
    },
  };
}
