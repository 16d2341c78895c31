import type { ModelConfig } from '@latentkit/models';
import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
} from '../common/demo-frame.js';
import type { ModelSession } from '../common/model-client.js';
import { type FrameMonitor, startFrameMonitor } from './frame-monitor.js';
import type {
  BatchEvent,
  EpochEvent,
  TrainOutcome,
  TrainRequest,
  TrainSessionOptions,
  TrainSetup,
} from './train-session.js';
import {
  batchProgressText,
  emptyTrainState,
  lossHistoryText,
  lossRange,
  lossSeries,
  modelStatusText,
  outcomeText,
  type TrainState,
} from './train-state.js';
import { createTrainView } from './train-view.js';

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
 * subset with `train` of `@latentkit/models` (Adam, one z sample per image) in the page's model
 * worker (`train-session.ts`), so the page stays responsive; it streams the loss of every step
 * and, after each epoch, the test −ELBO and new images. Stop ends the run before its next step
 * (an `AbortSignal` in the worker). Shows the loss per step and its running mean, the test −ELBO
 * per epoch, prior samples and reconstructions of test digits after each epoch.
 *
 * Numbers for tests on `section.lk-live[data-live="train-in-browser"]`: `data-running`
 * (`true`/`false`), `data-steps`, `data-loss-history` (comma-separated, 2 decimals),
 * `data-test-neg-elbo`, `data-longest-frame-ms`, `data-stopped` (`true` after Stop ended a run).
 */
export function mountTrainDemo(element: HTMLElement, options: TrainDemoOptions): TrainDemoHandle {
  const frame = createDemoFrame(element, 'train-in-browser');
  const config = options.config ?? DEFAULT_CONFIG;
  const seed = options.seed ?? 0;
  let state: TrainState = emptyTrainState();
  let session: ModelSession | undefined;
  let running = false;
  let epochs = 20;
  let learningRate = 1e-3;
  let monitor: FrameMonitor | undefined;
  let longest = 0;
  let chartFrame = 0;
  frame.onDispose(() => {
    session?.close();
    monitor?.stop();
    if (chartFrame) cancelAnimationFrame(chartFrame);
  });

  const view = createTrainView(
    8,
    { epochs, learningRate: '1e-3' },
    {
      onStart: () => void handle.start(),
      onStop: () => handle.stop(),
      onReset: () => void reset(),
      onEpochs: (v) => (epochs = v),
      onLearningRate: (v) => (learningRate = v),
    },
  );
  frame.body.append(...view.panels);

  function drawChart(): void {
    chartFrame = 0;
    frame.setData('loss-history', lossHistoryText(state.losses));
    view.drawChart(lossSeries(state), lossRange(state.losses));
  }
  const scheduleChart = () => {
    if (chartFrame === 0 && !frame.disposed) chartFrame = requestAnimationFrame(drawChart);
  };

  function showPreviews(p: { samples: Float32Array; recons: Float32Array }): void {
    view.drawRow('samples', p.samples);
    view.drawRow('recons', p.recons);
  }

  function onBatch(b: BatchEvent): void {
    if (frame.disposed) return;
    state.losses.push(b.loss);
    view.setProgress(batchProgressText(b, epochs));
    frame.setData('steps', state.losses.length);
    scheduleChart();
  }

  function onEpoch(e: EpochEvent): void {
    if (frame.disposed) return;
    state.testCurve.push({ step: state.losses.length - 1, value: e.testNegElbo });
    frame.setData('test-neg-elbo', e.testNegElbo.toFixed(3));
    showPreviews(e);
    scheduleChart();
  }

  async function reset(): Promise<void> {
    if (running || !session) return;
    const setup = await session.call<TrainSetup>('reset');
    if (frame.disposed) return;
    state = emptyTrainState();
    showPreviews(setup);
    drawChart();
    view.setProgress('New random weights. Press Start to train.');
    frame.setData('steps', 0);
  }

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading 4000 MNIST digits…');
    const sessionOptions: TrainSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
      config,
      seed,
      batchSize: options.batchSize ?? 64,
    };
    const opened = await worker.open('train-in-browser', sessionOptions);
    if (frame.disposed) {
      opened.close();
      return;
    }
    session = opened;
    opened.on('batch', (p) => onBatch(p as BatchEvent));
    opened.on('epoch', (p) => onEpoch(p as EpochEvent));
    const setup = await opened.call<TrainSetup>('setup');
    if (frame.disposed) return;
    view.drawRow('originals', setup.originals);
    showPreviews(setup);
    drawChart();
    view.setRunning(false);
    frame.setData('running', 'false');
    frame.setData('steps', 0);
    frame.setStatus(modelStatusText(config, setup, seed));
    if (options.autoStart) void handle.start();
  });

  const handle: TrainDemoHandle = {
    ready,
    async start() {
      if (running || !session || frame.disposed) return;
      running = true;
      view.setRunning(true);
      frame.setData('running', 'true');
      frame.setData('stopped', 'false');
      monitor = startFrameMonitor();
      try {
        const request: TrainRequest = { epochs, learningRate };
        const outcome = await session.call<TrainOutcome>('train', request);
        if (frame.disposed) return;
        view.setProgress(outcomeText(outcome, epochs));
        frame.setData('stopped', outcome.aborted ? 'true' : 'false');
      } catch (error) {
        if (frame.disposed) return;
        view.setProgress(
          `Training failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        longest = monitor?.longest() ?? longest;
        monitor?.stop();
        monitor = undefined;
        running = false;
        if (!frame.disposed) {
          view.setRunning(false);
          frame.setData('running', 'false');
          frame.setData('longest-frame-ms', Math.round(longest));
          drawChart();
        }
      }
    },
    stop() {
      if (running) void session?.call('stop').catch(() => {});
    },
    get running() {
      return running;
    },
    lossHistory: () => [...state.losses],
    get longestFrameMs() {
      return monitor ? monitor.longest() : longest;
    },
    dispose: () => frame.dispose(),
  };
  return handle;
}
