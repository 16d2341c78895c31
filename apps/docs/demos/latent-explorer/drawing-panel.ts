import { button, figure, h, pixelCanvas, putRgba, selectControl } from '../common/dom.js';
import { createDrawPad } from '../common/draw-pad.js';
import { intensityToRgba } from '../common/pixels.js';
import { centerDigit } from './center-digit.js';
import type { ExplorerContext } from './explorer-context.js';
import { drawingNote, drawingPercentile } from './explorer-state.js';
import { anomalyScores, decodePoints, encodeMeans } from './latent-model.js';

/** The "Draw a digit" panel. */
export interface DrawingPanel {
  /** The panel element. */
  readonly root: HTMLElement;
  /** Shows a 784-pixel image on the pad as a drawing (centred like MNIST) and scores it. */
  setDrawing(values: ArrayLike<number>): void;
  /** The anomaly score of the drawing (nats), if there is one. */
  readonly anomaly: number | undefined;
  /**
   * Scores the first 500 test digits (50 per task, yielding to the page between) as the
   * reference the drawing's score is ranked against, then re-scores the drawing.
   */
  computeReference(): Promise<void>;
}

/** Side of the drawing pad, CSS pixels. */
const DRAW = 196;
const rgba = (x: Float32Array) => intensityToRgba(x, 28, 28);

/**
 * A pad to draw a digit (or load a test digit): where it lands on the plane (the yellow
 * diamond), its reconstruction and its anomaly score, ranked among real test digits. Sets
 * `data-drawn-z1`, `data-drawn-z2`, `data-anomaly` (nats) and `data-anomaly-percentile`.
 */
export function createDrawingPanel(context: ExplorerContext): DrawingPanel {
  const { frame } = context;
  let anomaly: number | undefined;
  let reference = new Float32Array(0);
  let drawn: Float32Array | undefined;
  const inputCanvas = pixelCanvas(
    28,
    28,
    84,
    'The drawing as the model sees it (28 × 28, centred)',
  );
  const reconCanvas = pixelCanvas(28, 28, 84, 'Reconstruction of the drawing');
  const note = h(
    'p',
    { class: 'lk-note' },
    'Draw a digit (or load a test digit) to see where it lands.',
  );

  function score(x: Float32Array): void {
    const loaded = context.loaded();
    if (!loaded) return;
    const { model, plane } = loaded;
    drawn = x;
    putRgba(inputCanvas, rgba(x));
    if (x.every((v) => v === 0)) {
      anomaly = undefined;
      plane.setMarker(undefined);
      note.textContent = 'The drawing is empty.';
      return;
    }
    const z = encodeMeans(model, x, 1);
    putRgba(reconCanvas, rgba(decodePoints(model, z)));
    anomaly = anomalyScores(model, x, 1)[0]!;
    plane.setMarker([z[0]!, z[1]!]);
    const reading = { z: [z[0]!, z[1]!] as const, anomaly, reference };
    note.textContent = drawingNote(reading);
    frame.setData('drawn-z1', z[0]!.toFixed(4));
    frame.setData('drawn-z2', z[1]!.toFixed(4));
    frame.setData('anomaly', anomaly.toFixed(3));
    const pct = drawingPercentile(reading);
    if (!Number.isNaN(pct)) frame.setData('anomaly-percentile', pct.toFixed(4));
  }

  const pad = createDrawPad(DRAW, 16, () => score(centerDigit(pad.ink(), DRAW)));
  frame.onDispose(() => pad.dispose());
  const setDrawing = (values: ArrayLike<number>) => {
    pad.showImage(values);
    score(centerDigit(pad.ink(), DRAW));
  };
  const digits = Array.from({ length: 10 }, (_, d) => ({ value: String(d), text: String(d) }));
  const loadSelect = selectControl(
    'Or load a test digit',
    [{ value: '', text: 'choose…' }, ...digits],
    '',
    (v) => {
      const loaded = context.loaded();
      if (v === '' || !loaded) return;
      const i = loaded.examples[Number(v)]![0]!;
      setDrawing(loaded.testX.subarray(i * 784, (i + 1) * 784));
    },
  );

  async function computeReference(): Promise<void> {
    const loaded = context.loaded();
    if (!loaded) return;
    const { model, testX } = loaded;
    const n = Math.min(500, testX.length / 784);
    const scores: number[] = [];
    for (let start = 0; start < n && !frame.disposed; start += 50) {
      const m = Math.min(50, n - start);
      scores.push(...anomalyScores(model, testX.subarray(start * 784, (start + m) * 784), m));
      await new Promise((r) => setTimeout(r, 0)); // keep the page responsive
    }
    if (frame.disposed) return;
    reference = Float32Array.from(scores).sort();
    if (drawn) score(drawn);
  }

  const root = h(
    'div',
    { class: 'lk-panel' },
    h('h4', {}, 'Draw a digit'),
    pad.canvas,
    h(
      'div',
      { class: 'lk-row' },
      button('Clear', () => {
        pad.clear();
        score(new Float32Array(784));
      }),
      loadSelect.root,
    ),
    h(
      'div',
      { class: 'lk-row' },
      figure('model input', inputCanvas),
      figure('reconstruction', reconCanvas),
    ),
    note,
  );
  return {
    root,
    setDrawing,
    get anomaly() {
      return anomaly;
    },
    computeReference,
  };
}
