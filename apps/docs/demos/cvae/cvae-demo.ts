import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
} from '../common/demo-frame.js';
import {
  button,
  figure,
  fmt,
  h,
  numberControl,
  pixelCanvas,
  putRgba,
  selectControl,
} from '../common/dom.js';
import type { ModelSession } from '../common/model-client.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import type { CvaeInfo, CvaeSamples, CvaeSessionOptions } from './cvae-session.js';

/** Options of {@link mountCvaeDemo}. */
export interface CvaeDemoOptions extends DemoOptions {
  /** Digit shown first. Default 7. */
  digit?: number;
  /** Seed shown first. Default 1. */
  seed?: number;
  /** Samples per seed. Default 10. */
  samples?: number;
}

/** What {@link mountCvaeDemo} returns. */
export interface CvaeDemoHandle extends DemoHandle {
  readonly digit: number;
  readonly seed: number;
  /** Shows samples of `digit` (0–9); resolves when they are shown. */
  setDigit(digit: number): Promise<void>;
  /** Draws new codes from `seed`; resolves when they are shown. */
  setSeed(seed: number): Promise<void>;
  /** The samples shown, `[samples × 784]` intensities. */
  samples(): Float32Array;
  /** The pretrained classifier's label for each sample. */
  predicted(): Uint8Array;
  /** The codes z of the samples, `[samples × latentDim]`. */
  codes(): Float32Array;
  /** Index of the sample whose z is decoded under every label. */
  readonly selected: number;
  /** Picks that sample. */
  select(index: number): void;
}

/**
 * Live demo 3, the conditional VAE (`models/cvae.safetensors`): pick a digit and a seed and see
 * samples z ~ N(0, I) decoded with that label, each checked by the pretrained MLP classifier
 * (`models/mnist-classifier.safetensors`); pick a sample to keep its z and change the label.
 * The models run in the page's model worker (`cvae-session.ts`); the page draws what it sends.
 *
 * Numbers for tests on `section.lk-live[data-live="cvae"]`: `data-digit`, `data-seed`,
 * `data-predicted` (comma-separated labels of the samples), `data-agreement` (how many match the
 * digit), `data-samples-checksum`, `data-selected`, `data-transfer-checksum`.
 */
export function mountCvaeDemo(element: HTMLElement, options: CvaeDemoOptions): CvaeDemoHandle {
  const frame = createDemoFrame(element, 'cvae');
  const n = options.samples ?? 10;
  let digit = options.digit ?? 7;
  let seed = options.seed ?? 1;
  let selected = 0;
  let session: ModelSession | undefined;
  let latentDim = 0;
  let codes: Float32Array = new Float32Array(0);
  let images: Float32Array = new Float32Array(0);
  let labels: Uint8Array = new Uint8Array(0);
  /** Requests so far (samples; transfers): an answer to an older one is dropped. */
  let sampleRequests = 0;
  let transferRequests = 0;
  let shown: Promise<void> = Promise.resolve();
  frame.onDispose(() => session?.close());

  const sampleButtons = Array.from({ length: n }, (_, i) => {
    const canvas = pixelCanvas(28, 28, 56, `Sample ${i + 1}`);
    const caption = h('span', { class: 'lk-note' });
    const b = h(
      'button',
      { type: 'button', class: 'lk-sample', 'aria-pressed': i === 0 ? 'true' : 'false' },
      canvas,
    );
    b.addEventListener('click', () => handle.select(i));
    return { b, canvas, caption };
  });
  const transfer = Array.from({ length: 10 }, (_, c) =>
    pixelCanvas(28, 28, 56, `Same z with label ${c}`),
  );
  const summary = h('p', { class: 'lk-note' });

  function showSamples(): Promise<void> {
    if (!session) return shown;
    const request = ++sampleRequests;
    const transferRequest = ++transferRequests;
    const asked = { digit, seed };
    shown = session.call<CvaeSamples>('samples', asked).then(async (result) => {
      if (request !== sampleRequests || frame.disposed) return;
      const transferred = await transferOf(result.codes);
      if (request !== sampleRequests || frame.disposed) return;
      if (transferRequest !== transferRequests) {
        // A sample was chosen meanwhile: its transfer follows.
        drawSamples(result, asked.digit, asked.seed);
        void showTransfer();
        return;
      }
      drawSamples(result, asked.digit, asked.seed);
      drawTransfer(transferred);
    });
    return shown;
  }

  function drawSamples(result: CvaeSamples, digit: number, seed: number): void {
    ({ codes, images, labels } = result);
    const { confidence } = result;
    sampleButtons.forEach(({ canvas, caption, b }, i) => {
      putRgba(canvas, intensityToRgba(images.subarray(i * 784, (i + 1) * 784), 28, 28));
      caption.textContent = `${labels[i]} · ${fmt(100 * confidence[i]!, 0)} %`;
      b.setAttribute(
        'aria-label',
        `Sample ${i + 1}: the classifier reads a ${labels[i]}. Select to keep its z.`,
      );
    });
    const agree = labels.filter((l) => l === digit).length;
    summary.textContent = `The pretrained classifier reads ${agree} of ${n} samples as a ${digit}.`;
    frame.setData('digit', digit);
    frame.setData('seed', seed);
    frame.setData('predicted', Array.from(labels).join(','));
    frame.setData('agreement', agree);
    frame.setData('samples-checksum', imageChecksum(images));
  }

  /** The selected sample's code decoded under every label (in the worker). */
  function transferOf(from: Float32Array): Promise<Float32Array> {
    const code = from.slice(selected * latentDim, (selected + 1) * latentDim);
    return session!.call<Float32Array>('transfer', { code });
  }

  function showTransfer(): Promise<void> {
    if (!session) return shown;
    const request = ++transferRequests;
    const work = transferOf(codes).then((out) => {
      if (request === transferRequests && !frame.disposed) drawTransfer(out);
    });
    return work;
  }

  function drawTransfer(out: Float32Array): void {
    transfer.forEach((c, k) => {
      putRgba(c, intensityToRgba(out.subarray(k * 784, (k + 1) * 784), 28, 28));
    });
    sampleButtons.forEach(({ b }, i) => {
      b.setAttribute('aria-pressed', String(i === selected));
    });
    frame.setData('selected', selected);
    frame.setData('transfer-checksum', imageChecksum(out));
  }

  const digitSelect = selectControl(
    'Digit',
    Array.from({ length: 10 }, (_, d) => ({ value: String(d), text: String(d) })),
    String(digit),
    (v) => void handle.setDigit(Number(v)),
  );
  const seedInput = numberControl('Seed', seed, { min: 0, step: 1 }, (v) => void handle.setSeed(v));

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading the pretrained CVAE and digit classifier…');
    const sessionOptions: CvaeSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
      samples: n,
    };
    const opened = await worker.open('cvae', sessionOptions);
    if (frame.disposed) {
      opened.close();
      return;
    }
    session = opened;
    const info = await opened.call<CvaeInfo>('info');
    latentDim = info.latentDim;
    await showSamples();
    const s = info.scores;
    frame.setStatus(
      `Pretrained CVAE: test −ELBO ${fmt(s.testNegElbo ?? Number.NaN, 1)} nats; in pretraining, the classifier ` +
        `(test accuracy ${fmt(100 * (info.classifierScores.testAccuracy ?? Number.NaN), 1)} %) read ` +
        `${fmt(100 * (s.sampleAccuracy ?? Number.NaN), 1)} % of 1000 samples as the digit asked for.`,
    );
  });

  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      h(
        'div',
        { class: 'lk-row' },
        digitSelect.root,
        seedInput.root,
        button('New seed', () => void handle.setSeed(seed + 1)),
      ),
      figure(
        `${n} samples: z ~ N(0, I) from the seed, decoded with the chosen digit. Under each, what the classifier reads and how sure it is. Choose a sample to keep its z.`,
        // Two rows of five: the same layout for the samples and for the labels 0–4 / 5–9.
        h(
          'div',
          { class: 'lk-grid5' },
          ...sampleButtons.map(({ b, caption }) => h('div', { class: 'lk-panel' }, b, caption)),
        ),
      ),
      summary,
      figure(
        'Keep z, change the label: the chosen sample’s z decoded as 0, 1, …, 9. With a 2-D z the label carries the identity and z the style (slant, width, stroke).',
        h('div', { class: 'lk-grid5' }, ...transfer),
      ),
    ),
  );

  const handle: CvaeDemoHandle = {
    ready,
    dispose: () => frame.dispose(),
    get digit() {
      return digit;
    },
    get seed() {
      return seed;
    },
    setDigit(d: number) {
      if (!Number.isInteger(d) || d < 0 || d > 9) return shown;
      digit = d;
      digitSelect.select.value = String(d);
      return showSamples();
    },
    setSeed(s: number) {
      if (!Number.isInteger(s) || s < 0) return shown;
      seed = s;
      seedInput.input.value = String(s);
      return showSamples();
    },
    samples: () => images.slice(),
    predicted: () => labels.slice(),
    codes: () => codes.slice(),
    get selected() {
      return selected;
    },
    select(i: number) {
      if (!Number.isInteger(i) || i < 0 || i >= n) return;
      selected = i;
      void showTransfer();
    },
  };
  return handle;
}
