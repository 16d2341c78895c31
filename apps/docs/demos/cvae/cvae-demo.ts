import type { Model } from '@latentkit/models';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
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
  numberControl,
  pixelCanvas,
  putRgba,
  selectControl,
} from '../common/dom.js';
import {
  classifierFromBytes,
  classifyImages,
  type MnistClassifier,
} from '../common/mnist-classifier.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { decodeWithLabels, priorCodes, sameCodeEveryLabel } from './cvae-sampling.js';

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
  /** Shows samples of `digit` (0–9). */
  setDigit(digit: number): void;
  /** Draws new codes from `seed`. */
  setSeed(seed: number): void;
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
  let model: Model | undefined;
  let classifier: MnistClassifier | undefined;
  let codes: Float32Array = new Float32Array(0);
  let images: Float32Array = new Float32Array(0);
  let labels: Uint8Array = new Uint8Array(0);
  frame.onDispose(() => {
    model?.dispose();
    classifier?.dispose();
  });

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

  function showSamples(): void {
    if (!model || !classifier) return;
    codes = priorCodes(model, n, seed);
    images = decodeWithLabels(model, codes, new Array(n).fill(digit));
    const classified = classifyImages(classifier, images, n);
    labels = classified.labels;
    const { confidence } = classified;
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
    showTransfer();
  }

  function showTransfer(): void {
    if (!model) return;
    const d = model.latentDim;
    const out = sameCodeEveryLabel(model, codes.subarray(selected * d, (selected + 1) * d));
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
    (v) => handle.setDigit(Number(v)),
  );
  const seedInput = numberControl('Seed', seed, { min: 0, step: 1 }, (v) => handle.setSeed(v));

  const ready = runSetup(frame, async () => {
    await startBackend(frame, options);
    frame.setStatus('Loading the pretrained CVAE and digit classifier…');
    const [cvaeBytes, classifierBytes] = await Promise.all([
      fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.cvae}`), options.fetch),
      fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.classifier}`), options.fetch),
    ]);
    if (frame.disposed) return;
    const cvae = pretrainedFromBytes(cvaeBytes);
    model = cvae.model;
    const loaded = classifierFromBytes(classifierBytes);
    classifier = loaded.classifier;
    if (frame.disposed) {
      model.dispose();
      classifier.dispose();
      return;
    }
    showSamples();
    const s = cvae.training.scores;
    frame.setStatus(
      `Pretrained CVAE: test −ELBO ${fmt(s.testNegElbo ?? Number.NaN, 1)} nats; in pretraining, the classifier ` +
        `(test accuracy ${fmt(100 * (loaded.training.scores.testAccuracy ?? Number.NaN), 1)} %) read ` +
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
        button('New seed', () => handle.setSeed(seed + 1)),
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
      if (!Number.isInteger(d) || d < 0 || d > 9) return;
      digit = d;
      digitSelect.select.value = String(d);
      showSamples();
    },
    setSeed(s: number) {
      if (!Number.isInteger(s) || s < 0) return;
      seed = s;
      seedInput.input.value = String(s);
      showSamples();
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
      showTransfer();
    },
  };
  return handle;
}
