import { PALETTE } from '@latentkit/report';
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
  figure,
  fmt,
  h,
  pixelCanvas,
  putRgba,
  rangeControl,
  selectControl,
} from '../common/dom.js';
import { loadMnistSubset, subsetFloats } from '../common/mnist-subset.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { decodedPlaneImage } from './decoded-plane.js';
import { createDrawingPanel } from './drawing-panel.js';
import type { ExplorerLoaded } from './explorer-context.js';
import { examplesByDigit } from './explorer-state.js';
import { createInterpolationPanel } from './interpolation-panel.js';
import { decodePoints, encodeMeans } from './latent-model.js';
import { createLatentPlane } from './latent-plane.js';
import { viewLimit } from './latent-view.js';

/** Options of {@link mountLatentExplorer}. */
export interface LatentExplorerOptions extends DemoOptions {
  /** Points on each interpolation path. Default 10. */
  steps?: number;
}

/** What {@link mountLatentExplorer} returns. */
export interface LatentExplorerHandle extends DemoHandle {
  /** The latent point `[z1, z2]`. */
  readonly point: readonly [number, number];
  /** Moves the point (as a drag would) and decodes it. */
  setPoint(z1: number, z2: number): void;
  /** The decoding of the point, 784 intensities. */
  decoded(): Float32Array;
  /** The scatter's codes `[n × 2]` (test images of the subset). */
  codes(): Float32Array;
  /** Treats a 784-pixel image as a drawing (centring it like MNIST) and scores it. */
  setDrawing(values: ArrayLike<number>): void;
  /** The anomaly score of the drawing (nats), if there is one. */
  readonly anomaly: number | undefined;
}

const PLANE = 380;

/** Test digits encoded per piece of the set-up (one task each). */
const ENCODE_BATCH = 250;

/** A macrotask break: the page can paint and take input before the next piece of work. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Live demo 2, the latent explorer: the pretrained VAE with a 2-D latent space
 * (`models/latent-2d-vae.safetensors`). The 2000 test digits of the subset are encoded and drawn
 * coloured by digit (colour-blind-safe palette, labelled clusters); a point moved by mouse or
 * arrow keys is decoded live; linear and spherical interpolation between two chosen digits; a
 * canvas to draw a digit, showing where it lands, its reconstruction and its anomaly score.
 *
 * Numbers for tests on `section.lk-live[data-live="latent-explorer"]`: `data-z1`, `data-z2`,
 * `data-decoded-checksum`, `data-linear-checksum`, `data-spherical-checksum`, and after a
 * drawing `data-drawn-z1`, `data-drawn-z2`, `data-anomaly` (nats), `data-anomaly-percentile`.
 */
export function mountLatentExplorer(
  element: HTMLElement,
  options: LatentExplorerOptions,
): LatentExplorerHandle {
  const frame = createDemoFrame(element, 'latent-explorer');
  const steps = options.steps ?? 10;
  let loaded: ExplorerLoaded | undefined;
  let point: [number, number] = [0, 0];
  let decoded: Float32Array = new Float32Array(784);
  frame.onDispose(() => {
    loaded?.model.dispose();
    loaded?.plane.dispose();
  });
  const context = { frame, loaded: () => loaded };
  const interpolation = createInterpolationPanel(context, steps);
  const drawing = createDrawingPanel(context);
  const decodedCanvas = pixelCanvas(28, 28, 140, 'Decoding of the latent point');
  const pointText = h('p', { class: 'lk-note' });

  const z1 = rangeControl({
    label: 'z₁',
    min: -4,
    max: 4,
    step: 0.05,
    value: 0,
    format: (v) => fmt(v),
    onInput: (v) => handle.setPoint(v, point[1]),
  });
  const z2 = rangeControl({
    label: 'z₂',
    min: -4,
    max: 4,
    step: 0.05,
    value: 0,
    format: (v) => fmt(v),
    onInput: (v) => handle.setPoint(point[0], v),
  });

  function showPoint(): void {
    if (!loaded) return;
    decoded = decodePoints(loaded.model, Float32Array.from(point));
    putRgba(decodedCanvas, intensityToRgba(decoded, 28, 28));
    pointText.textContent = `z = (${fmt(point[0])}, ${fmt(point[1])})`;
    z1.set(Number(point[0].toFixed(2)));
    z2.set(Number(point[1].toFixed(2)));
    frame.setData('z1', point[0].toFixed(4));
    frame.setData('z2', point[1].toFixed(4));
    frame.setData('decoded-checksum', imageChecksum(decoded));
  }

  const backgroundSelect = selectControl(
    'Background',
    [
      { value: 'none', text: 'test codes only' },
      { value: 'decoded', text: 'decoded latent plane' },
    ],
    'none',
    (v) =>
      loaded?.plane.setBackground(
        v === 'decoded' ? decodedPlaneImage(loaded.model, loaded.plane.view.limit) : undefined,
      ),
  );

  const ready = runSetup(frame, async () => {
    await startBackend(frame, options);
    frame.setStatus('Loading the pretrained 2-D VAE and 2000 test digits…');
    const [bytes, subset] = await Promise.all([
      fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.latent2d}`), options.fetch),
      loadMnistSubset(options.assetBase, options.fetch),
    ]);
    if (frame.disposed) return;
    // The decoder stays on this thread (one decode is about a millisecond, so a drag stays
    // direct); the set-up yields to the page between its pieces so no task runs long.
    await yieldToPage();
    const pretrained = pretrainedFromBytes(bytes);
    const model = pretrained.model;
    if (frame.disposed) return model.dispose();
    await yieldToPage();
    const testX = subsetFloats(subset.test);
    const codes = new Float32Array(subset.test.count * model.latentDim);
    for (let start = 0; start < subset.test.count; start += ENCODE_BATCH) {
      const m = Math.min(ENCODE_BATCH, subset.test.count - start);
      codes.set(
        encodeMeans(model, testX.subarray(start * 784, (start + m) * 784), m),
        start * model.latentDim,
      );
      await yieldToPage();
      if (frame.disposed) return model.dispose();
    }
    const limit = viewLimit(codes);
    for (const c of [z1, z2]) {
      c.input.min = String(-limit);
      c.input.max = String(limit);
    }
    const plane = createLatentPlane(PLANE, limit, (a, b) => {
      point = [a, b];
      showPoint();
    });
    plane.setCodes(codes, subset.test.labels);
    loaded = { model, plane, testX, codes, examples: examplesByDigit(subset.test.labels) };
    planeSlot.replaceWith(plane.canvas);
    showPoint();
    await yieldToPage();
    if (frame.disposed) return;
    interpolation.show();
    const s = pretrained.training.scores;
    frame.setData('codes', subset.test.count);
    frame.setStatus(
      `Pretrained VAE (784-256-2): test −ELBO ${fmt(s.testNegElbo ?? Number.NaN, 1)} nats on the 10000 MNIST test images. ` +
        `Scatter: the 2000 test digits of the subset, encoded in the page.`,
    );
    void drawing.computeReference();
  });

  const planeSlot = h('div', { style: `width:${PLANE}px;height:${PLANE}px` });
  const legend = h(
    'div',
    { class: 'lk-legend', 'aria-hidden': 'true' },
    ...PALETTE.map((c, d) =>
      h('span', {}, h('span', { class: 'lk-swatch', style: `background:${c}` }), String(d)),
    ),
  );
  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      figure(
        'Latent codes of 2000 test digits (colour = digit; the label marks each cluster’s median). The ring is the point being decoded.',
        planeSlot,
      ),
      legend,
      h('div', { class: 'lk-row' }, z1.root, z2.root),
      backgroundSelect.root,
    ),
    h(
      'div',
      { class: 'lk-panel' },
      figure('Decoding of the point: E[x|z].', decodedCanvas),
      pointText,
      ...interpolation.nodes,
    ),
    drawing.root,
  );

  const handle: LatentExplorerHandle = {
    ready,
    dispose: () => frame.dispose(),
    get point() {
      return point;
    },
    setPoint(a: number, b: number) {
      const lim = loaded?.plane.view.limit ?? 4;
      point = [Math.min(lim, Math.max(-lim, a)), Math.min(lim, Math.max(-lim, b))];
      loaded?.plane.setPoint(point[0], point[1]);
      showPoint();
    },
    decoded: () => decoded.slice(),
    codes: () => loaded?.codes.slice() ?? new Float32Array(0),
    setDrawing: (values) => drawing.setDrawing(values),
    get anomaly() {
      return drawing.anomaly;
    },
  };
  return handle;
}
