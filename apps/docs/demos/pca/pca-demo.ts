import { paletteColor } from '@latentkit/report';
import {
  createDemoFrame,
  type DemoHandle,
  type DemoOptions,
  runSetup,
  startWorkerBackend,
} from '../common/demo-frame.js';
import { button, figure, fmt, h, pixelCanvas, putRgba, rangeControl } from '../common/dom.js';
import { createLineChart } from '../common/line-chart.js';
import {
  imageChecksum,
  intensityToRgba,
  meanSquaredError,
  signedToRgba,
} from '../common/pixels.js';
import { cumulativeRatio, reconstructWithComponents } from './pca-reconstruction.js';
import type { PcaFit, PcaSessionOptions } from './pca-session.js';

/** Options of {@link mountPcaDemo}. */
export interface PcaDemoOptions extends DemoOptions {
  /** Components fitted (the slider's maximum). Default 100. */
  components?: number;
  /** Eigen-digits shown. Default 16. */
  eigenDigits?: number;
  /** Test image shown first. Default 0. */
  image?: number;
}

/** What {@link mountPcaDemo} returns. */
export interface PcaDemoHandle extends DemoHandle {
  /** Components currently used for the reconstruction. */
  readonly k: number;
  /** Sets k (as the slider would). */
  setK(k: number): void;
  /** Index of the test image shown. */
  readonly image: number;
  /** Shows test image `index` (0–1999). */
  setImage(index: number): void;
  /** The reconstruction shown, 784 intensities (clamped to [0, 1]). */
  reconstruction(): Float32Array;
  /** The fitted explained-variance ratios (empty before `ready`). */
  explainedVarianceRatio(): Float64Array;
}

const STRIP_KS = [1, 2, 5, 10, 20, 50];

/**
 * Live demo 1, PCA on MNIST: fits PCA (`@latentkit/pca`, exact) in the page's model worker
 * (`pca-session.ts`, off the main thread) on the 2000
 * training images of the shipped subset; shows the first eigen-digits (purple negative, orange
 * positive), the cumulative explained-variance curve, and a test digit reconstructed from its
 * first k components with a slider for k.
 *
 * Numbers for tests, on the `section.lk-live[data-live="pca"]` element: `data-k`,
 * `data-image`, `data-explained` (cumulative ratio at k), `data-recon-mse` (per pixel, against
 * the original) and `data-recon-checksum` (see `imageChecksum`).
 *
 * @param element - Where to put the demo (its content is appended).
 * @param options - See {@link PcaDemoOptions}.
 */
export function mountPcaDemo(element: HTMLElement, options: PcaDemoOptions): PcaDemoHandle {
  const frame = createDemoFrame(element, 'pca');
  const K = options.components ?? 100;
  const nEigen = options.eigenDigits ?? 16;
  let pca: PcaFit | undefined;
  let testImages: Float32Array | undefined;
  let testCount = 0;
  let k = Math.min(10, K);
  let image = options.image ?? 0;
  let recon: Float32Array = new Float32Array(784);
  let cumulative: Float64Array = new Float64Array(0);

  const original = pixelCanvas(28, 28, 112, 'Original test digit');
  const reconCanvas = pixelCanvas(28, 28, 112, 'Reconstruction from k components');
  const strip = STRIP_KS.map((s) => pixelCanvas(28, 28, 56, `Reconstruction from ${s} components`));
  const stats = h('p', { class: 'lk-note' });
  const chart = createLineChart({
    width: 360,
    height: 220,
    xLabel: 'components k',
    yLabel: 'variance explained',
    description: 'Cumulative explained variance ratio against the number of components.',
  });
  const kControl = rangeControl({
    label: 'Components k',
    min: 0,
    max: K,
    step: 1,
    value: k,
    onInput: (v) => {
      k = v;
      update();
    },
  });
  const imageControl = rangeControl({
    label: 'Test image',
    min: 0,
    max: 1999,
    step: 1,
    value: image,
    format: (v) => `#${v}`,
    onInput: (v) => {
      image = v;
      update();
    },
  });
  const eigenGrid = h('div', { class: 'lk-grid' });
  eigenGrid.style.gridTemplateColumns = 'repeat(4, auto)';

  function update(): void {
    if (!pca || !testImages || frame.disposed) return;
    const x = testImages.subarray(image * 784, (image + 1) * 784);
    const raw = reconstructWithComponents(x, pca.mean, pca.components, k);
    recon = raw.map((v) => Math.min(1, Math.max(0, v)));
    putRgba(original, intensityToRgba(x, 28, 28));
    putRgba(reconCanvas, intensityToRgba(recon, 28, 28));
    STRIP_KS.forEach((s, i) => {
      const r = reconstructWithComponents(x, pca!.mean, pca!.components, Math.min(s, K));
      putRgba(strip[i]!, intensityToRgba(r, 28, 28));
    });
    const mse = meanSquaredError(x, recon);
    const explained = cumulative[k]!;
    stats.textContent =
      `k = ${k}: the first ${k} components explain ${fmt(100 * explained, 1)} % of the pixel ` +
      `variance of the 2000 training images; this digit's reconstruction error is ` +
      `${fmt(mse, 4)} per pixel (mean squared, intensities in [0, 1]).`;
    chart.draw([{ label: 'cumulative ratio', color: paletteColor(0), y: cumulative }], {
      yMin: 0,
      yMax: 1,
      xMin: 0,
      xMax: K,
      markerX: k,
    });
    frame.setData('k', k);
    frame.setData('image', image);
    frame.setData('explained', explained.toFixed(6));
    frame.setData('recon-mse', mse.toFixed(6));
    frame.setData('recon-checksum', imageChecksum(recon));
  }

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus(
      `Loading 4000 MNIST digits and fitting PCA (${K} components) on 2000 images of 784 pixels…`,
    );
    const sessionOptions: PcaSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
      components: K,
    };
    const session = await worker.open('pca', sessionOptions);
    let fit: PcaFit;
    try {
      fit = await session.call<PcaFit>('fit');
    } finally {
      session.close();
    }
    if (frame.disposed) return;
    pca = fit;
    const ms = fit.fitMs;
    testImages = fit.testImages;
    testCount = fit.testCount;
    imageControl.input.max = String(testCount - 1);
    cumulative = cumulativeRatio(pca.explainedVarianceRatio);
    for (let i = 0; i < Math.min(nEigen, K); i++) {
      const c = pixelCanvas(28, 28, 56, `Eigen-digit ${i + 1}`);
      putRgba(c, signedToRgba(pca.components.subarray(i * 784, (i + 1) * 784)));
      eigenGrid.append(
        h(
          'figure',
          { class: 'lk-eigen' },
          c,
          h('figcaption', {}, `PC${i + 1} · ${fmt(100 * pca.explainedVarianceRatio[i]!, 1)} %`),
        ),
      );
    }
    frame.setData('fit-ms', Math.round(ms));
    frame.setStatus(
      `PCA fitted in the page (in a Web Worker) in ${Math.round(ms)} ms: exact eigendecomposition of the 784 × 784 covariance of the 2000 training digits (@latentkit/pca).`,
    );
    update();
  });

  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      figure(
        `The first ${nEigen} principal components ("eigen-digits") with the share of variance each explains. Purple is negative, orange positive, white zero.`,
        eigenGrid,
      ),
    ),
    h(
      'div',
      { class: 'lk-panel' },
      figure('Cumulative explained variance; the grey vertical line marks k.', chart.canvas),
      kControl.root,
      imageControl.root,
      h(
        'div',
        { class: 'lk-row' },
        button('Previous digit', () => {
          image = (image + testCount - 1) % Math.max(testCount, 1);
          imageControl.set(image);
          update();
        }),
        button('Next digit', () => {
          image = (image + 1) % Math.max(testCount, 1);
          imageControl.set(image);
          update();
        }),
      ),
      h(
        'div',
        { class: 'lk-row' },
        figure('Original', original),
        figure('Reconstruction from k components', reconCanvas),
      ),
      figure(
        'The same digit from more and more components.',
        h('div', { class: 'lk-row' }, ...strip.map((c, i) => figure(`k = ${STRIP_KS[i]}`, c))),
      ),
      stats,
    ),
  );

  return {
    ready,
    dispose: () => frame.dispose(),
    get k() {
      return k;
    },
    setK(v: number) {
      k = Math.max(0, Math.min(K, Math.round(v)));
      kControl.set(k);
      update();
    },
    get image() {
      return image;
    },
    setImage(index: number) {
      image = Math.max(0, Math.min(Math.max(testCount - 1, 0), Math.round(index)));
      imageControl.set(image);
      update();
    },
    reconstruction: () => recon.slice(),
    explainedVarianceRatio: () => (pca ? pca.explainedVarianceRatio.slice() : new Float64Array(0)),
  };
}
