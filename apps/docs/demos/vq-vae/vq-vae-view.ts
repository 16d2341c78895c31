/**
 * The VQ-VAE demo's elements: the rows of digits (28 × 28 canvases), the code table and usage
 * histogram, the sampling controls and the notes. It draws what it is given and reports the
 * user's choices through callbacks; it holds no model and no numbers of its own.
 */
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
import { intensityToRgba } from '../common/pixels.js';
import { codeGridTable, codeGridText, drawUsageHistogram } from './vq-views.js';

/** What the view tells the demo. */
export interface VqVaeViewEvents {
  onSelect(index: number): void;
  onSeed(seed: number): void;
  onNewSeed(): void;
  onTemperature(temperature: number): void;
}

interface CaptionedCell {
  canvas: HTMLCanvasElement;
  caption: HTMLElement;
}

/** The demo's view; see the module comment. */
export interface VqVaeView {
  /** The demo's content (appended to the frame's body). */
  root: HTMLElement;
  drawOriginals(images: Float32Array): void;
  /** Draws the reconstructions and labels each with its code grid. */
  drawReconstructions(images: Float32Array, codes: Int32Array): void;
  /** Draws the random row with captions. */
  drawRandom(images: Float32Array, captions: string[]): void;
  /** Replaces the random row's captions (the classifier's readings, once it has loaded). */
  setRandomCaptions(captions: string[]): void;
  /** Draws prior sample `index` (its caption becomes "…" until the row is read). */
  drawSample(index: number, image: Float32Array): void;
  setSampleCaptions(captions: string[]): void;
  /** Marks reconstruction `index` and shows its codes and, given the counts, the histogram. */
  showCodes(index: number, grid: Int32Array, counts: Float64Array | undefined): void;
  setProgress(done: number): void;
  setSeed(seed: number): void;
  setTemperature(temperature: number): void;
  setNotes(notes: Partial<Record<'recon' | 'usage' | 'sample' | 'random', string>>): void;
}

/**
 * Builds the view for rows of `columns` images.
 *
 * @param columns - Images per row.
 * @param initial - Seed and temperature the controls show first.
 * @param events - Callbacks for the user's choices.
 */
export function createVqVaeView(
  columns: number,
  initial: { seed: number; temperature: number },
  events: VqVaeViewEvents,
): VqVaeView {
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
    b.addEventListener('click', () => events.onSelect(i));
    b.addEventListener('focus', () => events.onSelect(i));
    return { b, canvas };
  });
  const captioned = (label: string) =>
    Array.from(
      { length: columns },
      (_, i): CaptionedCell => ({
        canvas: cell(`${label} ${i + 1}`),
        caption: h('span', { class: 'lk-note' }, ' '),
      }),
    );
  const sampleCells = captioned('Prior sample');
  const randomCells = captioned('Random code grid');
  const codeBox = h('div', { class: 'lk-panel' });
  const histogram = h('canvas', {
    width: 640,
    height: 150,
    class: 'lk-chart',
    role: 'img',
    'aria-label': 'Usage of each of the 128 codes over the shipped test subset',
  });
  histogram.style.maxWidth = '100%';
  const notes = {
    recon: h('p', { class: 'lk-note' }),
    usage: h('p', { class: 'lk-note' }),
    sample: h('p', { class: 'lk-note', 'aria-live': 'polite' }),
    random: h('p', { class: 'lk-note' }),
  };
  const progress = h('progress', { max: columns, value: 0, 'aria-label': 'Sampling progress' });
  const seedInput = numberControl('Seed', initial.seed, { min: 0, step: 1 }, (v) =>
    events.onSeed(v),
  );
  const temperatureSlider = rangeControl({
    label: 'Temperature',
    min: 0.3,
    max: 1.5,
    step: 0.1,
    value: initial.temperature,
    format: (v) => fmt(v, 1),
    onInput: (v) => events.onTemperature(v),
  });

  const row = (name: string, cells: Node[]) =>
    h('div', { class: 'lk-row lk-tight', 'data-row': name }, ...cells);
  const withCaption = (c: CaptionedCell) => h('div', { class: 'lk-panel' }, c.canvas, c.caption);
  const draw = (canvas: HTMLCanvasElement, image: Float32Array) =>
    putRgba(canvas, intensityToRgba(image, 28, 28));
  const drawRow = (canvases: HTMLCanvasElement[], images: Float32Array) =>
    canvases.forEach((c, i) => {
      draw(c, images.subarray(i * 784, (i + 1) * 784));
    });

  const root = h(
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
    notes.recon,
    h(
      'div',
      { class: 'lk-row' },
      codeBox,
      figure(
        'How often each code occurs in the shipped test subset (square-root scale); the codes of the chosen digit in vermilion.',
        histogram,
      ),
    ),
    notes.usage,
    h(
      'div',
      { class: 'lk-row' },
      seedInput.root,
      button('New seed', () => events.onNewSeed()),
      temperatureSlider.root,
      progress,
    ),
    figure(
      'Digits decoded from code grids drawn from the PixelCNN prior, one code at a time in raster order. Under each, what the classifier reads and how sure it is.',
      row('samples', sampleCells.map(withCaption)),
    ),
    notes.sample,
    figure(
      'The same decoder fed uniformly random codes, for contrast.',
      row('random', randomCells.map(withCaption)),
    ),
    notes.random,
  );

  const setRandomCaptions = (captions: string[]) => {
    randomCells.forEach((c, i) => {
      c.caption.textContent = captions[i] ?? ' ';
    });
  };
  return {
    root,
    drawOriginals: (images) => drawRow(originalCanvases, images),
    drawReconstructions(images, codes) {
      drawRow(
        reconButtons.map((r) => r.canvas),
        images,
      );
      reconButtons.forEach(({ b }, i) => {
        b.title = `Codes (7 × 7):\n${codeGridText(codes.subarray(i * 49, (i + 1) * 49), 7, 7)}`;
        b.setAttribute('aria-label', `Reconstruction ${i + 1}; show its 7 × 7 codes`);
      });
    },
    drawRandom(images, captions) {
      drawRow(
        randomCells.map((c) => c.canvas),
        images,
      );
      setRandomCaptions(captions);
    },
    setRandomCaptions,
    drawSample(index, image) {
      const c = sampleCells[index];
      if (!c) return;
      draw(c.canvas, image);
      c.caption.textContent = '…';
    },
    setSampleCaptions(captions) {
      sampleCells.forEach((c, i) => {
        c.caption.textContent = captions[i] ?? ' ';
      });
    },
    showCodes(index, grid, counts) {
      reconButtons.forEach(({ b }, j) => {
        b.setAttribute('aria-pressed', String(j === index));
      });
      codeBox.replaceChildren(codeGridTable(grid, 7, 7, `Codes of reconstruction ${index + 1}`));
      if (counts) drawUsageHistogram(histogram, counts, new Set(grid));
    },
    setProgress(done) {
      progress.value = done;
    },
    setSeed(seed) {
      seedInput.input.value = String(seed);
    },
    setTemperature(temperature) {
      temperatureSlider.set(temperature);
    },
    setNotes(text) {
      for (const [key, value] of Object.entries(text)) {
        if (value !== undefined) notes[key as keyof typeof notes].textContent = value;
      }
    },
  };
}
