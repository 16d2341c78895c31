import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
} from '../common/demo-frame.js';
import type { ModelSession } from '../common/model-client.js';
import type { ClassifierReadings } from './classifier-readings.js';
import type { SubsetStatistics } from './vq-vae-model.js';
import type {
  SampleImageEvent,
  SampleResult,
  VqVaeDetails,
  VqVaeSessionOptions,
  VqVaeStart,
} from './vq-vae-session.js';
import {
  dataAttributes,
  randomNoteText,
  readingCaption,
  reconNoteText,
  SAMPLE_TEMPERATURE,
  sampleNoteText,
  statusText,
  usageNoteText,
  type VqVaeState,
} from './vq-vae-state.js';
import { createVqVaeView } from './vq-vae-view.js';

/** Options of {@link mountVqVaeDemo}. */
export interface VqVaeDemoOptions extends DemoOptions {
  /** First test image (of the shipped subset) of the reconstruction row. Default 0. */
  image?: number;
  /** Images per row (reconstructions, prior samples, random grids). Default 10. */
  columns?: number;
  /** Seed of the prior samples shown first. Default 1. */
  seed?: number;
  /** Sampling temperature shown first. Default {@link SAMPLE_TEMPERATURE}. */
  temperature?: number;
}

/** What {@link mountVqVaeDemo} returns. */
export interface VqVaeDemoHandle extends DemoHandle {
  /** NMSE of the reconstructions shown (MSE ÷ the training pixel variance). */
  readonly nmse: number;
  /** Fraction of the 128 codes used by the shipped test subset (`NaN` until it is encoded). */
  readonly usage: number;
  /** Perplexity of the subset's code frequencies (exp of their entropy in nats). */
  readonly perplexity: number;
  readonly seed: number;
  readonly temperature: number;
  /** Whether prior samples are being drawn. */
  readonly sampling: boolean;
  /** Classifier readings (mean top-class probability, fraction ≥ 0.9) of each row. */
  readonly readings:
    | { real: ClassifierReadings; samples: ClassifierReadings; random: ClassifierReadings }
    | undefined;
  /** Resolves when the whole test subset has been encoded (usage, perplexity, histogram). */
  readonly subset: Promise<void>;
  /** Draws new samples from `seed` (an integer ≥ 0); resolves when they are shown. */
  setSeed(seed: number): Promise<void>;
  /** Draws new samples at `temperature` (> 0); resolves when they are shown. */
  setTemperature(temperature: number): Promise<void>;
  /** The originals, reconstructions, samples and random decodings shown, `[columns × 784]`. */
  images(): {
    originals: Float32Array;
    reconstructions: Float32Array;
    samples: Float32Array;
    random: Float32Array;
  };
  /** The code grids of the originals, `[columns × 49]`. */
  codes(): Int32Array;
  /** The reconstruction whose codes are shown. */
  readonly selected: number;
  /** Shows the codes of reconstruction `index`. */
  select(index: number): void;
}

/**
 * Live demo 5, the VQ-VAE (`models/vq-vae.safetensors`, `models/vq-vae-prior.safetensors`): test
 * digits of the shipped subset and their reconstructions through the 7 × 7 grid of codes (choose
 * one to see its codes), the usage histogram of the 128 codes over the subset, digits decoded
 * from grids drawn from the PixelCNN prior (seed and temperature; each shown as it is drawn),
 * and for contrast grids of uniformly random codes. The pretrained MLP classifier
 * (`models/mnist-classifier.safetensors`) reads every row.
 *
 * The models run in the page's model worker (`vq-vae-session.ts`); the page only draws. `ready`
 * resolves at the first output (originals, reconstructions, random grids), which needs only the
 * VQ-VAE and the test digits; the classifier's readings of it (`data-real-mean-top`…), the
 * subset's code statistics (`data-subset="ready"`) and the prior samples
 * (`data-sampling="false"`, set only once the readings are there too) follow.
 *
 * Numbers for tests on `section.lk-live[data-live="vq-vae"]`: `data-nmse` (the row shown),
 * `data-subset` (`pending`/`ready`), `data-subset-nmse`, `data-variance`, `data-usage`,
 * `data-used-codes`, `data-perplexity`, `data-seed`, `data-temperature`, `data-sampling` (`true`
 * while drawing), `data-samples-checksum`, `data-random-checksum`, `data-real-mean-top`,
 * `data-sample-mean-top`, `data-random-mean-top` (the classifier's mean top-class probability
 * per row), `data-real-nearest`, `data-sample-nearest`, `data-random-nearest` (mean NMSE of the
 * row to the nearest training digit of the subset, `nearestNeighbourNmse`), `data-selected`.
 */
export function mountVqVaeDemo(element: HTMLElement, options: VqVaeDemoOptions): VqVaeDemoHandle {
  const frame = createDemoFrame(element, 'vq-vae');
  const columns = options.columns ?? 10;
  const state: VqVaeState = {
    seed: options.seed ?? 1,
    temperature: options.temperature ?? SAMPLE_TEMPERATURE,
    selected: 0,
    sampling: false,
  };
  let session: ModelSession | undefined;
  /** The classifier's readings of the first output (asked for right after it is drawn). */
  let details: Promise<VqVaeDetails> | undefined;
  let sampleCalls = 0;
  let sampling: Promise<void> = Promise.resolve();
  frame.onDispose(() => session?.close());

  const refresh = () => {
    for (const [key, value] of Object.entries(dataAttributes(state))) frame.setData(key, value);
  };

  const view = createVqVaeView(
    columns,
    { seed: state.seed, temperature: state.temperature },
    {
      onSelect: (i) => select(i),
      onSeed: (v) => void handle.setSeed(v),
      onNewSeed: () => void handle.setSeed(state.seed + 1),
      onTemperature: (v) => void handle.setTemperature(v),
    },
  );
  frame.body.append(view.root);

  function select(i: number): void {
    const first = state.first;
    if (!first || i < 0 || i >= columns) return;
    state.selected = i;
    view.showCodes(i, first.codes.subarray(i * 49, (i + 1) * 49), state.stats?.counts);
    frame.setData('selected', i);
  }

  /** Draws a row of prior samples in the worker; a newer call replaces an older one. */
  function resample(): Promise<void> {
    if (!session) return sampling;
    const request = ++sampleCalls;
    const { seed, temperature } = state;
    state.sampling = true;
    refresh();
    view.setProgress(0);
    view.setNotes({ sample: 'Sampling…' });
    const work = Promise.all([
      session.call<SampleResult>('sample', { seed, temperature }),
      details,
    ]).then(([result, firstReadings]) => {
      if (result.cancelled || request !== sampleCalls || frame.disposed) return;
      state.samples = { ...result, seed, temperature };
      state.sampling = false;
      view.setSampleCaptions(
        Array.from({ length: columns }, (_, i) => readingCaption(result.readings, i)),
      );
      if (firstReadings) view.setNotes({ sample: sampleNoteText(firstReadings, state.samples) });
      refresh();
    });
    sampling = work;
    return work;
  }

  let subsetDone: () => void = () => {};
  const subset = new Promise<void>((resolve) => {
    subsetDone = resolve;
  });

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading the pretrained VQ-VAE and the MNIST test digits…');
    const sessionOptions: VqVaeSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
      columns,
      first: options.image ?? 0,
    };
    const opened = await worker.open('vq-vae', sessionOptions);
    if (frame.disposed) {
      opened.close();
      return;
    }
    session = opened;
    opened.on('sample-image', (payload) => {
      const { request, index, image } = payload as SampleImageEvent;
      if (request !== sampleCalls || frame.disposed) return;
      view.drawSample(index, image);
      view.setProgress(index + 1);
    });
    const first = await opened.call<VqVaeStart>('start');
    if (frame.disposed) return;
    state.first = first;
    view.drawOriginals(first.originals);
    view.drawReconstructions(first.reconstructions, first.codes);
    view.drawRandom(
      first.random,
      Array.from({ length: columns }, () => '…'),
    );
    view.setNotes({
      recon: reconNoteText(first),
      usage: usageNoteText(),
      random: randomNoteText(first),
    });
    select(0);
    refresh();
    frame.setStatus(statusText(first.scores));
    // The first output is up. The worker loads the prior and the classifier now: their readings
    // of this output, the samples and the subset's statistics follow.
    details = opened.call<VqVaeDetails>('details');
    details.then(
      (d) => {
        if (frame.disposed) return;
        state.details = d;
        view.setRandomCaptions(
          Array.from({ length: columns }, (_, i) => readingCaption(d.randomReadings, i)),
        );
        view.setNotes({ random: randomNoteText(first, d) });
        frame.setStatus(statusText(d.scores));
        refresh();
      },
      (error: unknown) => {
        if (!frame.disposed) frame.setStatus(`Could not load the prior: ${String(error)}`);
      },
    );
    void resample();
    opened.call<SubsetStatistics>('subset').then(
      (stats) => {
        if (frame.disposed) return;
        state.stats = stats;
        view.setNotes({ recon: reconNoteText(first, stats), usage: usageNoteText(stats) });
        select(state.selected);
        refresh();
        subsetDone();
      },
      (error: unknown) => {
        if (!frame.disposed)
          view.setNotes({ usage: `Could not encode the subset: ${String(error)}` });
      },
    );
  });

  const handle: VqVaeDemoHandle = {
    ready,
    subset,
    dispose: () => frame.dispose(),
    get nmse() {
      return state.first?.nmse ?? Number.NaN;
    },
    get usage() {
      return state.stats?.usage ?? Number.NaN;
    },
    get perplexity() {
      return state.stats?.perplexity ?? Number.NaN;
    },
    get seed() {
      return state.seed;
    },
    get temperature() {
      return state.temperature;
    },
    get sampling() {
      return state.sampling;
    },
    get readings() {
      const { details: d, samples } = state;
      if (!d || !samples) return undefined;
      return {
        real: d.realReadings,
        samples: samples.readings,
        random: d.randomReadings,
      };
    },
    setSeed(s: number) {
      if (!Number.isInteger(s) || s < 0 || !session) return sampling;
      state.seed = s;
      view.setSeed(s);
      return resample();
    },
    setTemperature(t: number) {
      if (!(t > 0) || !Number.isFinite(t) || !session) return sampling;
      state.temperature = t;
      view.setTemperature(t);
      return resample();
    },
    images: () => ({
      originals: state.first?.originals.slice() ?? new Float32Array(0),
      reconstructions: state.first?.reconstructions.slice() ?? new Float32Array(0),
      samples: state.samples?.images.slice() ?? new Float32Array(columns * 784),
      random: state.first?.random.slice() ?? new Float32Array(0),
    }),
    codes: () => state.first?.codes.slice() ?? new Int32Array(0),
    get selected() {
      return state.selected;
    },
    select,
  };
  return handle;
}
