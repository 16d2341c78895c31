import { PALETTE } from '@latentkit/report';
import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
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
import type { ModelSession } from '../common/model-client.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import { decodedPlaneImage } from './decoded-plane.js';
import { createDrawingPanel } from './drawing-panel.js';
import type { ExplorerLoaded } from './explorer-context.js';
import { examplesByDigit } from './explorer-state.js';
import { createInterpolationPanel } from './interpolation-panel.js';
import type { ExplorerStart, LatentExplorerSessionOptions } from './latent-explorer-session.js';
import { createLatentPlane } from './latent-plane.js';
import { viewLimit } from './latent-view.js';
import { latestRequests } from './latest-requests.js';

/** Options of {@link mountLatentExplorer}. */
export interface LatentExplorerOptions extends DemoOptions {
  /** Points on each interpolation path. Default 10. */
  steps?: number;
}

/** What {@link mountLatentExplorer} returns. */
export interface LatentExplorerHandle extends DemoHandle {
  /** The latent point `[z1, z2]`. */
  readonly point: readonly [number, number];
  /**
   * Moves the point (as a drag would) and decodes it in the model worker; resolves once the
   * decoding of this point (or of a later one) is shown.
   */
  setPoint(z1: number, z2: number): Promise<void>;
  /** The decoding shown (of the point, once its decode has come back), 784 intensities. */
  decoded(): Float32Array;
  /** The scatter's codes `[n × 2]` (test images of the subset). */
  codes(): Float32Array;
  /**
   * Treats a 784-pixel image as a drawing (centring it like MNIST) and scores it in the model
   * worker; resolves once the score is shown.
   */
  setDrawing(values: ArrayLike<number>): Promise<void>;
  /** The anomaly score of the drawing (nats), if there is one. */
  readonly anomaly: number | undefined;
}

const PLANE = 380;

/** Codes per side of the decoded-plane background. */
const PLANE_GRID = 16;

/**
 * Live demo 2, the latent explorer: the pretrained VAE with a 2-D latent space
 * (`models/latent-2d-vae.safetensors`). The 2000 test digits of the subset are encoded and drawn
 * coloured by digit (colour-blind-safe palette, labelled clusters); a point moved by mouse, touch
 * or arrow keys is decoded live; linear and spherical interpolation between two chosen digits; a
 * canvas to draw a digit, showing where it lands, its reconstruction and its anomaly score.
 *
 * The model runs in the page's model worker (`latent-explorer-session.ts`); the page draws. A
 * decode per pointer move keeps at most one request in flight, the latest point waiting
 * (`latest-requests.ts`), so the decoding follows a fast drag without a queue of stale points.
 *
 * Numbers for tests on `section.lk-live[data-live="latent-explorer"]`: `data-z1`, `data-z2` (the
 * point whose decoding is shown), `data-decoded-checksum`, `data-decode-ms` (its round trip),
 * `data-linear-checksum`, `data-spherical-checksum`, and after a drawing `data-drawn-z1`,
 * `data-drawn-z2`, `data-anomaly` (nats), `data-anomaly-percentile`.
 */
export function mountLatentExplorer(
  element: HTMLElement,
  options: LatentExplorerOptions,
): LatentExplorerHandle {
  const frame = createDemoFrame(element, 'latent-explorer');
  const steps = options.steps ?? 10;
  let loaded: ExplorerLoaded | undefined;
  let session: ModelSession | undefined;
  let point: [number, number] = [0, 0];
  let decoded: Float32Array = new Float32Array(784);
  const fail = (error: unknown) => {
    if (frame.disposed) return;
    frame.setStatus(`The model worker failed: ${error instanceof Error ? error.message : error}`);
  };
  const context = { frame, loaded: () => loaded, fail };
  const interpolation = createInterpolationPanel(context, steps);
  const drawing = createDrawingPanel(context);
  frame.onDispose(() => {
    decodes.dispose();
    interpolation.dispose();
    drawing.dispose();
    loaded?.plane.dispose();
    session?.close();
  });
  const decodedCanvas = pixelCanvas(28, 28, 140, 'Decoding of the latent point');
  const pointText = h('p', { class: 'lk-note' });

  const z1 = rangeControl({
    label: 'z₁',
    min: -4,
    max: 4,
    step: 0.05,
    value: 0,
    format: (v) => fmt(v),
    onInput: (v) => void handle.setPoint(v, point[1]),
  });
  const z2 = rangeControl({
    label: 'z₂',
    min: -4,
    max: 4,
    step: 0.05,
    value: 0,
    format: (v) => fmt(v),
    onInput: (v) => void handle.setPoint(point[0], v),
  });

  /** One decode per move in the worker: one in flight, the latest point waiting. */
  const decodes = latestRequests<[number, number], Float32Array>({
    run: (z) => loaded!.session.call<Float32Array>('decode', { z: Float32Array.from(z) }),
    show: (image, z, timing) => {
      decoded = image;
      putRgba(decodedCanvas, intensityToRgba(decoded, 28, 28));
      pointText.textContent = `z = (${fmt(z[0])}, ${fmt(z[1])})`;
      frame.setData('z1', z[0].toFixed(4));
      frame.setData('z2', z[1].toFixed(4));
      frame.setData('decode-ms', timing.roundTripMs.toFixed(1));
      frame.setData('decoded-checksum', imageChecksum(decoded));
    },
    fail,
  });

  /** Moves the point's controls at once and asks for its decoding; true once it is shown. */
  function showPoint(): Promise<boolean> {
    if (!loaded) return Promise.resolve(false);
    z1.set(Number(point[0].toFixed(2)));
    z2.set(Number(point[1].toFixed(2)));
    return decodes.request([point[0], point[1]]);
  }

  const planeBackground = latestRequests<number, Float32Array>({
    run: (limit) => loaded!.session.call<Float32Array>('plane', { limit, n: PLANE_GRID }),
    show: (images, _limit) => {
      if (backgroundSelect.select.value === 'decoded') {
        loaded?.plane.setBackground(decodedPlaneImage(images, PLANE_GRID));
      }
    },
    fail,
  });
  frame.onDispose(() => planeBackground.dispose());
  const backgroundSelect = selectControl(
    'Background',
    [
      { value: 'none', text: 'test codes only' },
      { value: 'decoded', text: 'decoded latent plane' },
    ],
    'none',
    (v) => {
      if (!loaded) return;
      if (v === 'decoded') void planeBackground.request(loaded.plane.view.limit);
      else loaded.plane.setBackground(undefined);
    },
  );

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading the pretrained 2-D VAE and 2000 test digits…');
    const sessionOptions: LatentExplorerSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
    };
    const opened = await worker.open('latent-explorer', sessionOptions);
    if (frame.disposed) return opened.close();
    session = opened;
    const start = await opened.call<ExplorerStart>('start');
    if (frame.disposed) return;
    const { codes, images, labels, count } = start;
    const limit = viewLimit(codes);
    for (const c of [z1, z2]) {
      c.input.min = String(-limit);
      c.input.max = String(limit);
    }
    const plane = createLatentPlane(PLANE, limit, (a, b) => {
      point = [a, b];
      void showPoint();
    });
    plane.setCodes(codes, labels);
    loaded = {
      session: opened,
      plane,
      digit: (i) => Float32Array.from(images.subarray(i * 784, (i + 1) * 784), (v) => v / 255),
      codes,
      examples: examplesByDigit(labels),
    };
    planeSlot.replaceWith(plane.canvas);
    const shown = await Promise.all([showPoint(), interpolation.show()]);
    if (frame.disposed) return;
    // A failed first decoding is reported (by `fail`) and the demo is not ready.
    if (!shown.every(Boolean)) throw new Error('the first decoding in the model worker failed');
    frame.setData('codes', count);
    frame.setStatus(
      `Pretrained VAE (784-256-2): test −ELBO ${fmt(start.testNegElbo, 1)} nats on the 10000 MNIST test images. ` +
        `Scatter: the 2000 test digits of the subset, encoded in the page (in a Web Worker).`,
    );
    drawing.computeReference().catch(fail);
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
      return showPoint().then(() => {});
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
