import type { Model, PixelCnnPrior } from '@latentkit/models';
import { createRng } from '@latentkit/tensor';
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
  rangeControl,
} from '../common/dom.js';
import { classifierFromBytes, type MnistClassifier } from '../common/mnist-classifier.js';
import { loadMnistSubset, subsetFloats } from '../common/mnist-subset.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { type ClassifierReadings, classifierReadings } from './classifier-readings.js';
import { drawGrids, priorFromBytes } from './code-prior.js';
import {
  codeUsage,
  decodeGrids,
  nearestNeighbourNmse,
  normalizedMse,
  reconstructThroughCodes,
  uniformGrids,
} from './vq-codes.js';
import { codeGridTable, codeGridText, drawUsageHistogram } from './vq-views.js';

/** Options of {@link mountVqVaeDemo}. */
export interface VqVaeDemoOptions extends DemoOptions {
  /** First test image (of the shipped subset) of the reconstruction row. Default 0. */
  image?: number;
  /** Images per row (reconstructions, prior samples, random grids). Default 10. */
  columns?: number;
  /** Seed of the prior samples shown first. Default 1. */
  seed?: number;
  /** Sampling temperature shown first. Default 0.7. */
  temperature?: number;
}

/** What {@link mountVqVaeDemo} returns. */
export interface VqVaeDemoHandle extends DemoHandle {
  /** NMSE of the reconstructions shown (MSE ÷ the training pixel variance). */
  readonly nmse: number;
  /** Fraction of the 128 codes used by the shipped test subset. */
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

const pct = (v: number, digits = 1) => `${fmt(100 * v, digits)} %`;
const nextFrame = () =>
  new Promise<void>((resolve) => {
    // rAF lets the page paint; the timeout covers hidden tabs, where rAF never fires.
    const t = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Live demo 5, the VQ-VAE (`models/vq-vae.safetensors`, `models/vq-vae-prior.safetensors`): test
 * digits of the shipped subset and their reconstructions through the 7 × 7 grid of codes (choose
 * one to see its codes), the usage histogram of the 128 codes over the subset, digits decoded
 * from grids drawn from the PixelCNN prior (seed and temperature; drawn one grid at a time so
 * the page stays responsive), and for contrast grids of uniformly random codes. The pretrained
 * MLP classifier (`models/mnist-classifier.safetensors`) reads every row.
 *
 * Numbers for tests on `section.lk-live[data-live="vq-vae"]`: `data-nmse` (the row shown),
 * `data-subset-nmse`, `data-variance`, `data-usage`, `data-used-codes`, `data-perplexity`,
 * `data-seed`, `data-temperature`, `data-sampling` (`true` while drawing),
 * `data-samples-checksum`, `data-random-checksum`, `data-real-mean-top`, `data-sample-mean-top`,
 * `data-random-mean-top` (the classifier's mean top-class probability per row),
 * `data-real-nearest`, `data-sample-nearest`, `data-random-nearest` (mean NMSE of the row to the
 * nearest training digit of the subset, {@link nearestNeighbourNmse}), `data-selected`.
 */
export function mountVqVaeDemo(element: HTMLElement, options: VqVaeDemoOptions): VqVaeDemoHandle {
  const frame = createDemoFrame(element, 'vq-vae');
  const columns = options.columns ?? 10;
  const first = options.image ?? 0;
  let seed = options.seed ?? 1;
  let temperature = options.temperature ?? 0.7;
  let model: Model | undefined;
  let prior: PixelCnnPrior | undefined;
  let classifier: MnistClassifier | undefined;
  let variance = 1;
  let nmse = Number.NaN;
  let usage = Number.NaN;
  let perplexity = Number.NaN;
  let counts: Float64Array = new Float64Array(128);
  let originals: Float32Array = new Float32Array(0);
  let recon: Float32Array = new Float32Array(0);
  let codes: Int32Array = new Int32Array(0);
  let samples: Float32Array = new Float32Array(columns * 784);
  let random: Float32Array = new Float32Array(0);
  let readings: VqVaeDemoHandle['readings'];
  let realReadings: ClassifierReadings | undefined;
  let randomReadings: ClassifierReadings | undefined;
  /** The subset's training digits (intensities): the real digits samples are measured against. */
  let references: Float32Array = new Float32Array(0);
  let realNearest = Number.NaN;
  let randomNearest = Number.NaN;
  let selected = 0;
  let run: AbortController | undefined;
  let sampling: Promise<void> = Promise.resolve();
  frame.onDispose(() => {
    run?.abort();
    model?.dispose();
    prior?.dispose();
    classifier?.dispose();
  });

  // 44 px cells: a row of 10 fits the page's content column.
  const cell = (label: string) => pixelCanvas(28, 28, 44, label);
  const originalCanvases = Array.from({ length: columns }, (_, i) => cell(`Test digit ${i + 1}`));
  const reconButtons = Array.from({ length: columns }, (_, i) => {
    const canvas = cell(`Reconstruction ${i + 1}`);
    const b = h(
      'button',
      { type: 'button', class: 'lk-sample', 'aria-pressed': String(i === 0) },
      canvas,
    );
    b.addEventListener('click', () => select(i));
    b.addEventListener('focus', () => select(i));
    return { b, canvas };
  });
  const sampleCells = Array.from({ length: columns }, (_, i) => ({
    canvas: cell(`Prior sample ${i + 1}`),
    caption: h('span', { class: 'lk-note' }, ' '),
  }));
  const randomCells = Array.from({ length: columns }, (_, i) => ({
    canvas: cell(`Random code grid ${i + 1}`),
    caption: h('span', { class: 'lk-note' }, ' '),
  }));
  const codeBox = h('div', { class: 'lk-panel' });
  const reconNote = h('p', { class: 'lk-note' });
  const histogram = h('canvas', {
    width: 640,
    height: 150,
    class: 'lk-chart',
    role: 'img',
    'aria-label': 'Usage of each of the 128 codes over the shipped test subset',
  });
  histogram.style.maxWidth = '100%';
  const usageNote = h('p', { class: 'lk-note' });
  const progress = h('progress', { max: columns, value: 0, 'aria-label': 'Sampling progress' });
  const sampleNote = h('p', { class: 'lk-note', 'aria-live': 'polite' });
  const randomNote = h('p', { class: 'lk-note' });

  const row = (name: string, cells: Node[]) =>
    h('div', { class: 'lk-row lk-tight', 'data-row': name }, ...cells);
  const withCaption = (c: { canvas: HTMLCanvasElement; caption: HTMLElement }) =>
    h('div', { class: 'lk-panel' }, c.canvas, c.caption);
  const captionOf = (r: ClassifierReadings, i: number) =>
    `${r.labels[i]} · ${fmt(100 * r.confidence[i]!, 0)} %`;

  function drawRow(canvases: HTMLCanvasElement[], images: Float32Array): void {
    canvases.forEach((c, i) => {
      putRgba(c, intensityToRgba(images.subarray(i * 784, (i + 1) * 784), 28, 28));
    });
  }

  function select(i: number): void {
    if (i < 0 || i >= columns || codes.length === 0) return;
    selected = i;
    reconButtons.forEach(({ b }, j) => {
      b.setAttribute('aria-pressed', String(j === i));
    });
    const grid = codes.subarray(i * 49, (i + 1) * 49);
    codeBox.replaceChildren(codeGridTable(grid, 7, 7, `Codes of reconstruction ${i + 1}`));
    drawUsageHistogram(histogram, counts, new Set(grid));
    frame.setData('selected', i);
  }

  function showReadings(): void {
    if (!realReadings || !randomReadings) return;
    const sampleReadings = classifierReadings(classifier!, samples, columns);
    readings = { real: realReadings, samples: sampleReadings, random: randomReadings };
    sampleCells.forEach((c, i) => {
      c.caption.textContent = captionOf(sampleReadings, i);
    });
    const sampleNearest = nearestNeighbourNmse(samples, references, 784, variance);
    sampleNote.textContent =
      `Seed ${seed}, temperature ${fmt(temperature, 1)}. Distance to the nearest of the ` +
      `${references.length / 784} training digits of the subset (NMSE, mean over the row): ` +
      `${fmt(sampleNearest, 2)} for these samples, ${fmt(realNearest, 2)} for the test digits above, ` +
      `${fmt(randomNearest, 2)} for the random grids below. The classifier's mean top-class ` +
      `probability is ${pct(sampleReadings.meanTop, 0)} here and ${pct(realReadings.meanTop, 0)} on ` +
      `the test digits, but also ${pct(randomReadings.meanTop, 0)} on the random textures: a plain ` +
      'classifier is sure of itself on anything, so its confidence alone does not tell a digit from noise.';
    frame.setData('sample-nearest', sampleNearest.toFixed(4));
    frame.setData('real-nearest', realNearest.toFixed(4));
    frame.setData('random-nearest', randomNearest.toFixed(4));
    frame.setData('real-mean-top', realReadings.meanTop.toFixed(4));
    frame.setData('sample-mean-top', sampleReadings.meanTop.toFixed(4));
    frame.setData('random-mean-top', randomReadings.meanTop.toFixed(4));
  }

  /** Draws `columns` grids from the prior, showing each as it arrives; a newer call cancels. */
  function resample(): Promise<void> {
    run?.abort();
    const controller = new AbortController();
    run = controller;
    frame.setData('sampling', 'true');
    frame.setData('seed', seed);
    frame.setData('temperature', temperature);
    progress.value = 0;
    sampleNote.textContent = 'Sampling…';
    const next = new Float32Array(columns * 784);
    const work = drawGrids(prior!, {
      n: columns,
      seed,
      temperature,
      pause: nextFrame,
      signal: controller.signal,
      onGrid: (g, grid) => {
        next.set(decodeGrids(model!, grid, 1), g * 784);
        putRgba(
          sampleCells[g]!.canvas,
          intensityToRgba(next.subarray(g * 784, (g + 1) * 784), 28, 28),
        );
        sampleCells[g]!.caption.textContent = '…';
        progress.value = g + 1;
      },
    }).then(
      () => {
        if (controller !== run || frame.disposed) return;
        samples = next;
        showReadings();
        frame.setData('samples-checksum', imageChecksum(samples));
        frame.setData('sampling', 'false');
      },
      (error: unknown) => {
        if (controller.signal.aborted) return; // replaced by a newer request
        throw error;
      },
    );
    sampling = work;
    return work;
  }

  const seedInput = numberControl('Seed', seed, { min: 0, step: 1 }, (v) => void handle.setSeed(v));
  const temperatureSlider = rangeControl({
    label: 'Temperature',
    min: 0.3,
    max: 1.5,
    step: 0.1,
    value: temperature,
    format: (v) => fmt(v, 1),
    onInput: (v) => void handle.setTemperature(v),
  });

  const ready = runSetup(frame, async () => {
    await startBackend(frame, options);
    frame.setStatus(
      'Loading the pretrained VQ-VAE, its prior, the classifier and the MNIST subset…',
    );
    const url = (file: string) => assetUrl(options.assetBase, `models/${file}`);
    const [vqBytes, priorBytes, classifierBytes, subset] = await Promise.all([
      fetchCached(url(MODEL_FILES.vqVae), options.fetch),
      fetchCached(url(MODEL_FILES.vqVaePrior), options.fetch),
      fetchCached(url(MODEL_FILES.classifier), options.fetch),
      loadMnistSubset(options.assetBase, options.fetch),
    ]);
    if (frame.disposed) return;
    const vq = pretrainedFromBytes(vqBytes);
    model = vq.model;
    const loadedPrior = priorFromBytes(priorBytes);
    prior = loadedPrior.prior;
    classifier = classifierFromBytes(classifierBytes).classifier;
    if (frame.disposed) {
      model.dispose();
      prior.dispose();
      classifier.dispose();
      return;
    }
    variance = Number(
      (vq.training.extra as { variance?: number } | undefined)?.variance ?? Number.NaN,
    );
    frame.setData('variance', variance.toFixed(6));

    // The whole shipped subset through the code grid: histogram, usage, perplexity, NMSE.
    const { test } = subset;
    // In small batches with a frame between them: the page stays responsive (one batch of 500
    // conv passes was a multi-second main-thread task).
    await nextFrame();
    const all = await reconstructThroughCodes(model, test.images, test.count, {
      batchSize: 25,
      pause: nextFrame,
    });
    if (frame.disposed) return;
    const stats = codeUsage(all.codes, 128);
    ({ counts, usage, perplexity } = stats);
    const subsetNmse = normalizedMse(test.images, all.images, variance);
    const start = Math.min(first, test.count - columns);
    originals = Float32Array.from(
      test.images.subarray(start * 784, (start + columns) * 784),
      (v) => v / 255,
    );
    recon = all.images.slice(start * 784, (start + columns) * 784);
    codes = all.codes.slice(start * 49, (start + columns) * 49);
    nmse = normalizedMse(originals, recon, variance, 1);
    drawRow(originalCanvases, originals);
    drawRow(
      reconButtons.map((r) => r.canvas),
      recon,
    );
    reconButtons.forEach(({ b }, i) => {
      const grid = codes.subarray(i * 49, (i + 1) * 49);
      b.title = `Codes (7 × 7):\n${codeGridText(grid, 7, 7)}`;
      b.setAttribute('aria-label', `Reconstruction ${i + 1}; show its 7 × 7 codes`);
    });
    reconNote.textContent =
      `NMSE of this row ${fmt(nmse, 3)}; of all ${test.count} subset digits ${fmt(subsetNmse, 3)} ` +
      `(mean squared error ÷ pixel variance; 0 is perfect, 1 is drawing the mean grey everywhere).`;
    usageNote.textContent =
      `${stats.counts.filter((c) => c > 0).length} of 128 codes used (${pct(usage, 0)}) by the ` +
      `${test.count * 49} code positions of the subset; perplexity ${fmt(perplexity, 1)} ` +
      '(exp of the entropy of the code frequencies: 128 if all were equally frequent).';
    frame.setData('nmse', nmse.toFixed(5));
    frame.setData('subset-nmse', subsetNmse.toFixed(5));
    frame.setData('usage', usage.toFixed(4));
    frame.setData('used-codes', stats.counts.filter((c) => c > 0).length);
    frame.setData('perplexity', perplexity.toFixed(3));
    select(0);

    await nextFrame();
    if (frame.disposed) return;
    references = subsetFloats(subset.train);
    realNearest = nearestNeighbourNmse(originals, references, 784, variance);
    realReadings = classifierReadings(classifier, originals, columns);
    const grids = uniformGrids(columns, 49, 128, createRng(0).fork('uniform-codes'));
    random = decodeGrids(model, grids, columns);
    randomReadings = classifierReadings(classifier, random, columns);
    drawRow(
      randomCells.map((c) => c.canvas),
      random,
    );
    randomCells.forEach((c, i) => {
      c.caption.textContent = captionOf(randomReadings!, i);
    });
    randomNearest = nearestNeighbourNmse(random, references, 784, variance);
    randomNote.textContent =
      `Uniformly random codes decode to texture, not digits: NMSE against the test digits above ` +
      `${fmt(normalizedMse(originals, random, variance, 1), 2)}, ${fmt(randomNearest, 2)} to the ` +
      'nearest training digit.';
    frame.setData('random-checksum', imageChecksum(random));

    await resample();
    const s = vq.training.scores;
    const p = loadedPrior.training.scores;
    frame.setStatus(
      `Pretrained on all 60000 training digits: test NMSE ${fmt(s.testNmse ?? Number.NaN, 3)}, ` +
        `${pct(s.testUsage ?? Number.NaN, 0)} of codes used; prior ${fmt(p.testBitsPerCode ?? Number.NaN, 2)} ` +
        'bits per code on the test grids (7 for uniform codes).',
    );
  });

  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      figure(
        `Test digits (top) and their reconstructions through the 7 × 7 grid of codes (bottom). Hover over or focus a reconstruction to see its codes.`,
        row('originals', originalCanvases),
        row(
          'reconstructions',
          reconButtons.map((r) => r.b),
        ),
      ),
      reconNote,
      h(
        'div',
        { class: 'lk-row' },
        codeBox,
        figure(
          'How often each code occurs in the shipped test subset (square-root scale); the codes of the chosen digit in vermilion.',
          histogram,
        ),
      ),
      usageNote,
      h(
        'div',
        { class: 'lk-row' },
        seedInput.root,
        button('New seed', () => void handle.setSeed(seed + 1)),
        temperatureSlider.root,
        progress,
      ),
      figure(
        'Digits decoded from code grids drawn from the PixelCNN prior, one code at a time in raster order. Under each, what the classifier reads and how sure it is.',
        row('samples', sampleCells.map(withCaption)),
      ),
      sampleNote,
      figure(
        'The same decoder fed uniformly random codes, for contrast.',
        row('random', randomCells.map(withCaption)),
      ),
      randomNote,
    ),
  );

  const handle: VqVaeDemoHandle = {
    ready,
    dispose: () => frame.dispose(),
    get nmse() {
      return nmse;
    },
    get usage() {
      return usage;
    },
    get perplexity() {
      return perplexity;
    },
    get seed() {
      return seed;
    },
    get temperature() {
      return temperature;
    },
    get sampling() {
      return frame.root.getAttribute('data-sampling') === 'true';
    },
    get readings() {
      return readings;
    },
    setSeed(s: number) {
      if (!Number.isInteger(s) || s < 0 || !prior) return sampling;
      seed = s;
      seedInput.input.value = String(s);
      return resample();
    },
    setTemperature(t: number) {
      if (!(t > 0) || !Number.isFinite(t) || !prior) return sampling;
      temperature = t;
      temperatureSlider.set(t);
      return resample();
    },
    images: () => ({
      originals: originals.slice(),
      reconstructions: recon.slice(),
      samples: samples.slice(),
      random: random.slice(),
    }),
    codes: () => codes.slice(),
    get selected() {
      return selected;
    },
    select,
  };
  return handle;
}
