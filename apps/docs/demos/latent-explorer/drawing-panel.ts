import { button, figure, h, pixelCanvas, putRgba, selectControl } from '../common/dom.js';
import { createDrawPad } from '../common/draw-pad.js';
import { intensityToRgba } from '../common/pixels.js';
import { centerDigit } from './center-digit.js';
import type { ExplorerContext } from './explorer-context.js';
import { drawingNote, drawingPercentile } from './explorer-state.js';
import type { DrawingScore } from './latent-explorer-session.js';
import { latestRequests } from './latest-requests.js';

/** The "Draw a digit" panel. */
export interface DrawingPanel {
  /** The panel element. */
  readonly root: HTMLElement;
  /**
   * Shows a 784-pixel image on the pad as a drawing (centred like MNIST) and scores it in the
   * model worker; resolves once the score is shown.
   */
  setDrawing(values: ArrayLike<number>): Promise<void>;
  /** The anomaly score of the drawing (nats), if there is one. */
  readonly anomaly: number | undefined;
  /**
   * Scores the first 500 test digits in the model worker as the reference the drawing's score is
   * ranked against, then ranks the drawing.
   */
  computeReference(): Promise<void>;
  /** Stops showing results that arrive later. */
  dispose(): void;
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
  let reference: Float32Array = new Float32Array(0);
  /** The drawing last asked for (a result for another one is stale: not shown). */
  let drawn: Float32Array | undefined;
  let drawnZ: readonly [number, number] | undefined;
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

  /** Shows a scored drawing: the marker, the reconstruction, the note and the numbers. */
  function showScore(x: Float32Array, result: DrawingScore): void {
    if (x !== drawn) return;
    const { plane } = context.loaded()!;
    const z = [result.z[0]!, result.z[1]!] as const;
    drawnZ = z;
    anomaly = result.anomaly;
    putRgba(reconCanvas, rgba(result.reconstruction));
    plane.setMarker(z);
    frame.setData('drawn-z1', z[0].toFixed(4));
    frame.setData('drawn-z2', z[1].toFixed(4));
    frame.setData('anomaly', anomaly.toFixed(3));
    rank();
  }

  /** The note and the percentile of the drawing's score among the reference scores. */
  function rank(): void {
    if (!drawnZ || anomaly === undefined) return;
    const reading = { z: drawnZ, anomaly, reference };
    note.textContent = drawingNote(reading);
    const pct = drawingPercentile(reading);
    if (!Number.isNaN(pct)) frame.setData('anomaly-percentile', pct.toFixed(4));
  }

  const scoring = latestRequests<Float32Array, DrawingScore>({
    run: (x) => context.loaded()!.session.call<DrawingScore>('score', { x: x.slice() }),
    show: (result, x) => showScore(x, result),
    fail: (error) => context.fail(error),
  });

  function score(x: Float32Array): Promise<void> {
    const loaded = context.loaded();
    if (!loaded) return Promise.resolve();
    putRgba(inputCanvas, rgba(x));
    drawn = x;
    if (x.every((v) => v === 0)) {
      anomaly = undefined;
      drawnZ = undefined;
      drawn = undefined;
      loaded.plane.setMarker(undefined);
      note.textContent = 'The drawing is empty.';
      return Promise.resolve();
    }
    return scoring.request(x).then(() => {});
  }

  const pad = createDrawPad(DRAW, 16, () => void score(centerDigit(pad.ink(), DRAW)));
  frame.onDispose(() => pad.dispose());
  const setDrawing = (values: ArrayLike<number>) => {
    pad.showImage(values);
    return score(centerDigit(pad.ink(), DRAW));
  };
  const digits = Array.from({ length: 10 }, (_, d) => ({ value: String(d), text: String(d) }));
  const loadSelect = selectControl(
    'Or load a test digit',
    [{ value: '', text: 'choose…' }, ...digits],
    '',
    (v) => {
      const loaded = context.loaded();
      if (v === '' || !loaded) return;
      void setDrawing(loaded.digit(loaded.examples[Number(v)]![0]!));
    },
  );

  async function computeReference(): Promise<void> {
    const loaded = context.loaded();
    if (!loaded) return;
    const scores = await loaded.session.call<Float32Array>('reference', { count: 500 });
    if (frame.disposed) return;
    reference = scores;
    rank();
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
        void score(new Float32Array(784));
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
    dispose: () => scoring.dispose(),
  };
}
