import type { Model } from '@latentkit/models';
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
  button,
  figure,
  fmt,
  h,
  pixelCanvas,
  putRgba,
  rangeControl,
  selectControl,
} from '../common/dom.js';
import { createDrawPad } from '../common/draw-pad.js';
import { loadMnistSubset, subsetFloats } from '../common/mnist-subset.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { centerDigit } from './center-digit.js';
import { decodedPlaneImage } from './decoded-plane.js';
import { anomalyScores, decodePoints, encodeMeans, interpolationStrip } from './latent-model.js';
import { createLatentPlane, type LatentPlane } from './latent-plane.js';
import { percentileRank, viewLimit } from './latent-view.js';

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
const DRAW = 196;

/** First test indices of each digit: `firsts[d][k]` is the k-th example of digit d. */
function examplesByDigit(labels: Uint8Array, per = 20): number[][] {
  const out: number[][] = Array.from({ length: 10 }, () => []);
  labels.forEach((d, i) => {
    if (out[d]!.length < per) out[d]!.push(i);
  });
  return out;
}

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
  let model: Model | undefined;
  let plane: LatentPlane | undefined;
  let codes: Float32Array = new Float32Array(0);
  let testX: Float32Array = new Float32Array(0);
  let examples: number[][] = [];
  let point: [number, number] = [0, 0];
  let decoded: Float32Array = new Float32Array(784);
  let anomaly: number | undefined;
  let reference: Float32Array | undefined;
  let from = 1;
  let to = 0;
  let exampleIndex = 0;
  let drawnX: Float32Array | undefined;
  frame.onDispose(() => {
    model?.dispose();
    plane?.dispose();
  });

  const decodedCanvas = pixelCanvas(28, 28, 140, 'Decoding of the latent point');
  const pointText = h('p', { class: 'lk-note' });
  const linearRow = h('div', { class: 'lk-row' });
  const sphericalRow = h('div', { class: 'lk-row' });
  const ends = [pixelCanvas(28, 28, 56, 'Start digit'), pixelCanvas(28, 28, 56, 'End digit')];
  const stripCanvases = (label: string) =>
    Array.from({ length: steps }, (_, i) => pixelCanvas(28, 28, 40, `${label} step ${i + 1}`));
  const linearCanvases = stripCanvases('Linear interpolation');
  const sphericalCanvases = stripCanvases('Spherical interpolation');
  linearRow.append(...linearCanvases);
  sphericalRow.append(...sphericalCanvases);
  const inputCanvas = pixelCanvas(
    28,
    28,
    84,
    'The drawing as the model sees it (28 × 28, centred)',
  );
  const reconCanvas = pixelCanvas(28, 28, 84, 'Reconstruction of the drawing');
  const drawText = h(
    'p',
    { class: 'lk-note' },
    'Draw a digit (or load a test digit) to see where it lands.',
  );

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
    if (!model) return;
    decoded = decodePoints(model, Float32Array.from(point));
    putRgba(decodedCanvas, intensityToRgba(decoded, 28, 28));
    pointText.textContent = `z = (${fmt(point[0])}, ${fmt(point[1])})`;
    z1.set(Number(point[0].toFixed(2)));
    z2.set(Number(point[1].toFixed(2)));
    frame.setData('z1', point[0].toFixed(4));
    frame.setData('z2', point[1].toFixed(4));
    frame.setData('decoded-checksum', imageChecksum(decoded));
  }

  function showInterpolation(): void {
    if (!model || examples.length === 0) return;
    const ia = examples[from]![exampleIndex % examples[from]!.length]!;
    const ib = examples[to]![exampleIndex % examples[to]!.length]!;
    const a = [codes[2 * ia]!, codes[2 * ia + 1]!];
    const b = [codes[2 * ib]!, codes[2 * ib + 1]!];
    putRgba(ends[0]!, intensityToRgba(testX.subarray(ia * 784, (ia + 1) * 784), 28, 28));
    putRgba(ends[1]!, intensityToRgba(testX.subarray(ib * 784, (ib + 1) * 784), 28, 28));
    const lin = interpolationStrip(model, a, b, steps, 'linear');
    const sph = interpolationStrip(model, a, b, steps, 'spherical');
    for (let i = 0; i < steps; i++) {
      putRgba(
        linearCanvases[i]!,
        intensityToRgba(lin.images.subarray(i * 784, (i + 1) * 784), 28, 28),
      );
      putRgba(
        sphericalCanvases[i]!,
        intensityToRgba(sph.images.subarray(i * 784, (i + 1) * 784), 28, 28),
      );
    }
    plane?.setPaths(lin.codes, sph.codes);
    frame.setData('interp-from', ia);
    frame.setData('interp-to', ib);
    frame.setData('linear-checksum', imageChecksum(lin.images));
    frame.setData('spherical-checksum', imageChecksum(sph.images));
  }

  function scoreDrawing(x: Float32Array): void {
    if (!model) return;
    drawnX = x;
    putRgba(inputCanvas, intensityToRgba(x, 28, 28));
    if (x.every((v) => v === 0)) {
      anomaly = undefined;
      plane?.setMarker(undefined);
      drawText.textContent = 'The drawing is empty.';
      return;
    }
    const z = encodeMeans(model, x, 1);
    const recon = decodePoints(model, z);
    putRgba(reconCanvas, intensityToRgba(recon, 28, 28));
    anomaly = anomalyScores(model, x, 1)[0]!;
    plane?.setMarker([z[0]!, z[1]!]);
    const pct = reference ? percentileRank(reference, anomaly) : Number.NaN;
    drawText.textContent =
      `It lands at z = (${fmt(z[0]!)}, ${fmt(z[1]!)}) — the yellow diamond. Anomaly score ` +
      `${fmt(anomaly, 1)} nats (−log p(x|z) averaged over 10 posterior samples)` +
      (Number.isNaN(pct)
        ? '.'
        : `: higher than ${fmt(100 * pct, 0)} % of ${reference!.length} real test digits.`);
    frame.setData('drawn-z1', z[0]!.toFixed(4));
    frame.setData('drawn-z2', z[1]!.toFixed(4));
    frame.setData('anomaly', anomaly.toFixed(3));
    if (!Number.isNaN(pct)) frame.setData('anomaly-percentile', pct.toFixed(4));
  }

  const pad = createDrawPad(DRAW, 16, () => scoreDrawing(centerDigit(pad.ink(), DRAW)));
  frame.onDispose(() => pad.dispose());
  const digitOptions = Array.from({ length: 10 }, (_, d) => ({
    value: String(d),
    text: String(d),
  }));
  const fromSelect = selectControl('From digit', digitOptions, String(from), (v) => {
    from = Number(v);
    showInterpolation();
  });
  const toSelect = selectControl('to digit', digitOptions, String(to), (v) => {
    to = Number(v);
    showInterpolation();
  });
  const loadSelect = selectControl(
    'Or load a test digit',
    [{ value: '', text: 'choose…' }, ...digitOptions],
    '',
    (v) => {
      if (v === '' || examples.length === 0) return;
      const i = examples[Number(v)]![0]!;
      const x = testX.slice(i * 784, (i + 1) * 784);
      pad.showImage(x);
      scoreDrawing(centerDigit(pad.ink(), DRAW));
    },
  );
  const backgroundSelect = selectControl(
    'Background',
    [
      { value: 'none', text: 'test codes only' },
      { value: 'decoded', text: 'decoded latent plane' },
    ],
    'none',
    (v) => plane?.setBackground(v === 'decoded' ? mosaic() : undefined),
  );

  function mosaic(): HTMLCanvasElement | undefined {
    return model && plane ? decodedPlaneImage(model, plane.view.limit) : undefined;
  }

  async function computeReference(): Promise<void> {
    if (!model) return;
    const n = Math.min(500, testX.length / 784);
    const scores: number[] = [];
    for (let start = 0; start < n && !frame.disposed; start += 50) {
      const m = Math.min(50, n - start);
      scores.push(...anomalyScores(model, testX.subarray(start * 784, (start + m) * 784), m));
      await new Promise((r) => setTimeout(r, 0)); // keep the page responsive
    }
    if (frame.disposed) return;
    reference = Float32Array.from(scores).sort();
    if (drawnX) scoreDrawing(drawnX);
  }

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
    const loaded = pretrainedFromBytes(bytes);
    model = loaded.model;
    if (frame.disposed) return model.dispose();
    await yieldToPage();
    testX = subsetFloats(subset.test);
    codes = new Float32Array(subset.test.count * model.latentDim);
    for (let start = 0; start < subset.test.count; start += ENCODE_BATCH) {
      const m = Math.min(ENCODE_BATCH, subset.test.count - start);
      codes.set(
        encodeMeans(model, testX.subarray(start * 784, (start + m) * 784), m),
        start * model.latentDim,
      );
      await yieldToPage();
      if (frame.disposed) return;
    }
    examples = examplesByDigit(subset.test.labels);
    const limit = viewLimit(codes);
    for (const c of [z1, z2]) {
      c.input.min = String(-limit);
      c.input.max = String(limit);
    }
    plane = createLatentPlane(PLANE, limit, (a, b) => {
      point = [a, b];
      showPoint();
    });
    plane.setCodes(codes, subset.test.labels);
    planeSlot.replaceWith(plane.canvas);
    showPoint();
    await yieldToPage();
    if (frame.disposed) return;
    showInterpolation();
    const s = loaded.training.scores;
    frame.setData('codes', subset.test.count);
    frame.setStatus(
      `Pretrained VAE (784-256-2): test −ELBO ${fmt(s.testNegElbo ?? Number.NaN, 1)} nats on the 10000 MNIST test images. ` +
        `Scatter: the 2000 test digits of the subset, encoded in the page.`,
    );
    void computeReference();
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
      h('h4', {}, 'Interpolation'),
      h(
        'div',
        { class: 'lk-row' },
        fromSelect.root,
        toSelect.root,
        button('Other examples', () => {
          exampleIndex += 1;
          showInterpolation();
        }),
      ),
      h('div', { class: 'lk-row' }, figure('start', ends[0]!), figure('end', ends[1]!)),
      figure('Linear: (1 − t)·a + t·b (solid path on the plane).', linearRow),
      figure(
        'Spherical (slerp; dashed path): keeps the path in the prior’s typical shell.',
        sphericalRow,
      ),
    ),
    h(
      'div',
      { class: 'lk-panel' },
      h('h4', {}, 'Draw a digit'),
      pad.canvas,
      h(
        'div',
        { class: 'lk-row' },
        button('Clear', () => {
          pad.clear();
          scoreDrawing(new Float32Array(784));
        }),
        loadSelect.root,
      ),
      h(
        'div',
        { class: 'lk-row' },
        figure('model input', inputCanvas),
        figure('reconstruction', reconCanvas),
      ),
      drawText,
    ),
  );

  const handle: LatentExplorerHandle = {
    ready,
    dispose: () => frame.dispose(),
    get point() {
      return point;
    },
    setPoint(a: number, b: number) {
      const lim = plane?.view.limit ?? 4;
      point = [Math.min(lim, Math.max(-lim, a)), Math.min(lim, Math.max(-lim, b))];
      plane?.setPoint(point[0], point[1]);
      showPoint();
    },
    decoded: () => decoded.slice(),
    codes: () => codes.slice(),
    setDrawing(values) {
      pad.showImage(values);
      scoreDrawing(centerDigit(pad.ink(), DRAW));
    },
    get anomaly() {
      return anomaly;
    },
  };
  return handle;
}
