import {
  createModel,
  evaluateElbo,
  type Model,
  type ModelConfig,
  sampleModel,
  train,
} from '@latentkit/models';
import { paletteColor } from '@latentkit/report';
import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startBackend,
} from '../common/demo-frame.js';
import {
  button,
  figure,
  fmt,
  h,
  pixelCanvas,
  putRgba,
  rangeControl,
  selectControl,
} from '../common/dom.js';
import { createLineChart } from '../common/line-chart.js';
import { loadMnistSubset, subsetFloats } from '../common/mnist-subset.js';
import { intensityToRgba } from '../common/pixels.js';
import { decodePoints, encodeMeans } from '../latent-explorer/latent-model.js';
import { type FrameMonitor, runningMean, startFrameMonitor } from './frame-monitor.js';

/** Options of {@link mountTrainDemo}. */
export interface TrainDemoOptions extends DemoOptions {
  /** The model trained. Default a VAE 784 → 128 ReLU → 8-D latent (mirrored decoder). */
  config?: ModelConfig;
  /** Seed of initialization, shuffling and ε. Default 0. */
  seed?: number;
  /** Examples per step. Default 64. */
  batchSize?: number;
  /** Start training as soon as the data are loaded. Default false. */
  autoStart?: boolean;
}

/** What {@link mountTrainDemo} returns. */
export interface TrainDemoHandle extends DemoHandle {
  /** Starts (or continues) training; resolves when it stops or finishes. */
  start(): Promise<void>;
  /** Stops training before the next step (the model keeps its weights). */
  stop(): void;
  readonly running: boolean;
  /** The loss (negative ELBO, nats per image) of every step so far. */
  lossHistory(): number[];
  /** Longest interval between two painted frames while training, ms. */
  readonly longestFrameMs: number;
}

const DEFAULT_CONFIG: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 8,
  encoder: { type: 'mlp', hidden: [128], activation: 'relu' },
};

/**
 * Live demo 6, training in the browser: a small VAE trains on the 2000 training digits of the
 * subset with `train` of `@latentkit/models` (Adam, one z sample per image) while the page stays
 * responsive — `train` yields to the event loop after every step, and Stop aborts it through an
 * `AbortSignal`. Shows the loss per step and its running mean, the test −ELBO per epoch, prior
 * samples and reconstructions of test digits after each epoch.
 *
 * Numbers for tests on `section.lk-live[data-live="train-in-browser"]`: `data-running`
 * (`true`/`false`), `data-steps`, `data-loss-history` (comma-separated, 2 decimals),
 * `data-test-neg-elbo`, `data-longest-frame-ms`, `data-stopped` (`true` after Stop ended a run).
 */
export function mountTrainDemo(element: HTMLElement, options: TrainDemoOptions): TrainDemoHandle {
  const frame = createDemoFrame(element, 'train-in-browser');
  const config = options.config ?? DEFAULT_CONFIG;
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? 64;
  let model: Model | undefined;
  let trainX: Float32Array = new Float32Array(0);
  let testX: Float32Array = new Float32Array(0);
  let losses: number[] = [];
  let testCurve: { step: number; value: number }[] = [];
  let controller: AbortController | undefined;
  let running = false;
  let epochs = 20;
  let lr = 1e-3;
  let monitor: FrameMonitor | undefined;
  let longest = 0;
  let chartFrame = 0;
  let run = 0;
  frame.onDispose(() => {
    controller?.abort();
    monitor?.stop();
    if (chartFrame) cancelAnimationFrame(chartFrame);
    model?.dispose();
  });

  const chart = createLineChart({
    width: 460,
    height: 240,
    xLabel: 'step',
    yLabel: 'nats per image',
    description:
      'Training loss (negative ELBO) per step, its running mean, and the test negative ELBO after each epoch.',
  });
  const samples = Array.from({ length: 8 }, (_, i) =>
    pixelCanvas(28, 28, 48, `Prior sample ${i + 1}`),
  );
  const recons = Array.from({ length: 8 }, (_, i) =>
    pixelCanvas(28, 28, 48, `Reconstruction ${i + 1}`),
  );
  const originals = Array.from({ length: 8 }, (_, i) =>
    pixelCanvas(28, 28, 48, `Test digit ${i + 1}`),
  );
  const progress = h('p', { class: 'lk-note' }, 'Press Start to train.');
  const startButton = button('Start', () => void handle.start());
  const stopButton = button('Stop', () => handle.stop(), { disabled: true });
  const resetButton = button('Reset', () => {
    if (running) return;
    model?.dispose();
    model = createModel(config, { seed });
    losses = [];
    testCurve = [];
    drawChart();
    showImages();
    progress.textContent = 'New random weights. Press Start to train.';
    frame.setData('steps', 0);
    frame.setData('loss-history', '');
  });

  function drawChart(): void {
    chartFrame = 0;
    frame.setData('loss-history', losses.map((l) => l.toFixed(2)).join(','));
    const xs = losses.map((_, i) => i);
    chart.draw(
      [
        { label: 'loss per step', color: paletteColor(2), y: losses, x: xs },
        { label: 'running mean (20)', color: paletteColor(0), y: runningMean(losses, 20), x: xs },
        {
          label: 'test −ELBO',
          color: paletteColor(1),
          y: testCurve.map((p) => p.value),
          x: testCurve.map((p) => p.step),
          dashed: true,
        },
      ],
      losses.length > 0
        ? {
            yMin: Math.max(0, Math.min(...losses.slice(-200)) - 20),
            yMax: Math.min(600, Math.max(...losses.slice(0, 5), 250)),
          }
        : {},
    );
  }
  const scheduleChart = () => {
    if (chartFrame === 0) chartFrame = requestAnimationFrame(drawChart);
  };

  function showImages(): void {
    if (!model) return;
    const s = sampleModel(model, 8, { seed: 7 });
    const sv = s.dataSync();
    s.dispose();
    const x = testX.subarray(0, 8 * 784);
    const r = decodePoints(model, encodeMeans(model, x, 8));
    for (let i = 0; i < 8; i++) {
      putRgba(samples[i]!, intensityToRgba(sv.subarray(i * 784, (i + 1) * 784), 28, 28));
      putRgba(originals[i]!, intensityToRgba(x.subarray(i * 784, (i + 1) * 784), 28, 28));
      putRgba(recons[i]!, intensityToRgba(r.subarray(i * 784, (i + 1) * 784), 28, 28));
    }
  }

  const epochsControl = rangeControl({
    label: 'Epochs',
    min: 1,
    max: 30,
    step: 1,
    value: epochs,
    onInput: (v) => (epochs = v),
  });
  const lrSelect = selectControl(
    'Learning rate',
    ['3e-4', '1e-3', '3e-3'].map((v) => ({ value: v, text: v })),
    '1e-3',
    (v) => (lr = Number(v)),
  );

  const ready = runSetup(frame, async () => {
    await startBackend(frame, options);
    frame.setStatus('Loading 4000 MNIST digits…');
    const subset = await loadMnistSubset(options.assetBase, options.fetch);
    if (frame.disposed) return;
    trainX = subsetFloats(subset.train);
    testX = subsetFloats(subset.test, 0, 500);
    model = createModel(config, { seed });
    showImages();
    drawChart();
    frame.setData('running', 'false');
    frame.setData('steps', 0);
    frame.setStatus(
      `Model: a VAE ${config.inputShape.join('×')} → ${config.encoder.type === 'mlp' ? (config.encoder.hidden ?? []).join('-') : 'conv'} → ${config.latentDim}-D latent, ` +
        `${model.store.numParams().toLocaleString('en-US')} parameters, random weights (seed ${seed}); ` +
        `training data: the subset's ${subset.train.count} training digits; test: 500 test digits.`,
    );
    if (options.autoStart) void handle.start();
  });

  frame.body.append(
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
        'Samples from the prior (the same 8 codes each epoch).',
        h('div', { class: 'lk-row' }, ...samples),
      ),
      figure('Test digits …', h('div', { class: 'lk-row' }, ...originals)),
      figure('… and their reconstructions.', h('div', { class: 'lk-row' }, ...recons)),
    ),
  );

  const handle: TrainDemoHandle = {
    ready,
    async start() {
      if (running || !model || frame.disposed) return;
      running = true;
      run += 1;
      controller = new AbortController();
      startButton.disabled = true;
      resetButton.disabled = true;
      stopButton.disabled = false;
      frame.setData('running', 'true');
      frame.setData('stopped', 'false');
      monitor = startFrameMonitor();
      const t0 = performance.now();
      const startSteps = losses.length;
      try {
        const result = await train(
          model,
          { x: trainX, n: trainX.length / 784 },
          {
            epochs,
            batchSize,
            learningRate: lr,
            seed: seed + 1000 * run,
            signal: controller.signal,
            onBatch: (b) => {
              losses.push(b.loss);
              const done = losses.length - startSteps;
              progress.textContent =
                `epoch ${b.epoch + 1}/${epochs}, step ${losses.length}: loss ${fmt(b.loss, 1)} nats ` +
                `(recon ${fmt(b.recon, 1)} + KL ${fmt(b.kl, 1)}), ` +
                `${Math.round((done * batchSize) / ((performance.now() - t0) / 1000))} images/s`;
              frame.setData('steps', losses.length);
              scheduleChart();
            },
            onEpoch: async () => {
              const e = evaluateElbo(model!, { x: testX, n: testX.length / 784 }, { seed: 0 });
              testCurve.push({ step: losses.length - 1, value: e.negElbo });
              frame.setData('test-neg-elbo', e.negElbo.toFixed(3));
              showImages();
              scheduleChart();
              await new Promise((r) => setTimeout(r, 0));
            },
          },
        );
        if (frame.disposed) return;
        progress.textContent = result.aborted
          ? `Stopped after ${losses.length} steps.`
          : `Done: ${epochs} epochs, ${losses.length} steps in total.`;
        frame.setData('stopped', result.aborted ? 'true' : 'false');
      } finally {
        longest = monitor?.longest() ?? longest;
        monitor?.stop();
        monitor = undefined;
        running = false;
        if (!frame.disposed) {
          startButton.disabled = false;
          resetButton.disabled = false;
          stopButton.disabled = true;
          frame.setData('running', 'false');
          frame.setData('longest-frame-ms', Math.round(longest));
          drawChart();
        }
      }
    },
    stop() {
      controller?.abort();
    },
    get running() {
      return running;
    },
    lossHistory: () => [...losses],
    get longestFrameMs() {
      return monitor ? monitor.longest() : longest;
    },
    dispose: () => frame.dispose(),
  };
  return handle;
}
