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
import type { TrainingMetadata } from '../common/training-metadata.js';
import { betaLabel } from './beta-label.js';
import type {
  BetaVaeInfo,
  BetaVaeSessionOptions,
  BetaVaeTraversal,
  SpriteFactors,
} from './beta-vae-session.js';
import { migVerdict } from './mig-verdict.js';
import { SPRITE_FACTOR_SIZES, SPRITE_SHAPES } from './sprite-factors.js';

export type { SpriteFactors } from './beta-vae-session.js';

/** Options of {@link mountBetaVaeDemo}. */
export interface BetaVaeDemoOptions extends DemoOptions {
  /** Columns of the traversal grid. Default 9. */
  columns?: number;
}

/** What {@link mountBetaVaeDemo} returns. */
export interface BetaVaeDemoHandle extends DemoHandle {
  readonly factors: SpriteFactors;
  /** Changes the base sprite (missing factors keep their value); resolves when it is drawn. */
  setFactors(f: Partial<SpriteFactors>): Promise<void>;
  /** The traversal grid shown, `[rows × columns × resolution²]` intensities, rows in display order. */
  traversal(): Float32Array;
  /** The model's MIG from its file. */
  readonly mig: number | undefined;
}

/**
 * Live demo 4, the β-VAE on procedural dSprites (`models/beta-vae-dsprites.safetensors`, 32 × 32
 * sprites): choose a sprite (shape, scale, rotation, position), encode it, and see every latent
 * dimension traversed from −range to +range (rows sorted by KL, inactive ones marked), with the
 * model's Mutual Information Gap and per-factor gaps from its training record.
 *
 * Numbers for tests on `section.lk-live[data-live="beta-vae"]`: `data-mig`, `data-active-dims`,
 * `data-sprite-index`, `data-traversal-checksum`.
 */
export function mountBetaVaeDemo(
  element: HTMLElement,
  options: BetaVaeDemoOptions,
): BetaVaeDemoHandle {
  const frame = createDemoFrame(element, 'beta-vae');
  const columns = options.columns ?? 9;
  let session: ModelSession | undefined;
  let training: TrainingMetadata | undefined;
  let requests = 0;
  let drawn: Promise<void> = Promise.resolve();
  let resolution = 32;
  let range = 2.5;
  let grid: Float32Array = new Float32Array(0);
  const factors: SpriteFactors = { shape: 0, scale: 5, orientation: 0, posX: 16, posY: 16 };
  frame.onDispose(() => session?.close());

  const baseCanvas = pixelCanvas(32, 32, 96, 'The chosen sprite');
  const reconCanvas = pixelCanvas(32, 32, 96, 'Its reconstruction');
  const gridEl = h('div', { class: 'lk-grid' });
  const migEl = h('div', {});

  /** Asks the worker for the traversal of the current sprite; the newest answer is drawn. */
  function render(): Promise<void> {
    if (!session) return drawn;
    const request = ++requests;
    drawn = session
      .call<BetaVaeTraversal>('traverse', { factors: { ...factors }, range })
      .then((t) => {
        if (request === requests && !frame.disposed) draw(t);
      });
    return drawn;
  }

  function draw(t: BetaVaeTraversal): void {
    const px = resolution * resolution;
    putRgba(baseCanvas, intensityToRgba(t.sprite, resolution, resolution));
    putRgba(reconCanvas, intensityToRgba(t.reconstruction, resolution, resolution));
    grid = t.grid;
    gridEl.replaceChildren();
    gridEl.style.gridTemplateColumns = `auto repeat(${columns}, auto)`;
    t.rows.forEach(({ dim, kl: k, active, owners }, r) => {
      const who = owners.length > 0 ? ` · top MI for ${owners.join(', ')}` : '';
      gridEl.append(
        h(
          'div',
          { class: 'lk-note' },
          `z${dim} · KL ${fmt(k, 2)}${active ? '' : ' (inactive)'}${who}`,
        ),
      );
      for (let c = 0; c < columns; c++) {
        const cv = pixelCanvas(resolution, resolution, 44, `z${dim} = ${fmt(t.values[c]!)}`);
        const at = (r * columns + c) * px;
        putRgba(cv, intensityToRgba(grid.subarray(at, at + px), resolution, resolution));
        gridEl.append(cv);
      }
    });
    frame.setData('sprite-index', t.index);
    frame.setData('active-dims', t.rows.filter((o) => o.active).length);
    frame.setData('traversal-checksum', imageChecksum(grid));
  }

  function showMig(): void {
    if (!training) return;
    const mig = training.scores.mig;
    const rows =
      (training.extra?.migFactors as { factor: string; gap: number | null; topLatent: number }[]) ??
      [];
    const kl = (training.extra?.klPerDim as number[] | undefined) ?? [];
    const verdict = mig === undefined ? '' : migVerdict(rows, kl);
    migEl.replaceChildren(
      h(
        'p',
        {},
        'MIG ',
        h('span', { class: 'lk-number' }, mig === undefined ? '—' : fmt(mig, 3)),
        verdict,
      ),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'factor'), h('th', {}, 'gap'), h('th', {}, 'top latent')),
        ),
        h(
          'tbody',
          {},
          ...rows.map((f) =>
            h(
              'tr',
              {},
              h('td', {}, f.factor),
              h('td', {}, f.gap === null ? '—' : fmt(f.gap, 3)),
              h('td', {}, `z${f.topLatent}`),
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: 'lk-note' },
        'MIG: for each factor, the gap between the two latent dimensions with the most mutual information about it, divided by the factor’s entropy, averaged (computeMig of @latentkit/models, 10000 sprites, 20 bins). 1 would be one dimension per factor; with 20 bins a perfect encoder reaches only ≈ 0.9 on factors with more than 20 values.',
      ),
    );
    if (mig !== undefined) frame.setData('mig', mig);
  }

  const control = (label: string, key: keyof SpriteFactors, max: number) =>
    rangeControl({
      label,
      min: 0,
      max,
      step: 1,
      value: factors[key],
      onInput: (v) => {
        factors[key] = v;
        void render();
      },
    });
  const controls = {
    scale: control('Scale', 'scale', SPRITE_FACTOR_SIZES.scale - 1),
    orientation: control('Rotation', 'orientation', SPRITE_FACTOR_SIZES.orientation - 1),
    posX: control('x position', 'posX', SPRITE_FACTOR_SIZES.posX - 1),
    posY: control('y position', 'posY', SPRITE_FACTOR_SIZES.posY - 1),
  };
  const shapeSelect = selectControl(
    'Shape',
    SPRITE_SHAPES.map((s, i) => ({ value: String(i), text: s })),
    '0',
    (v) => {
      factors.shape = Number(v);
      void render();
    },
  );
  const rangeInput = rangeControl({
    label: 'Traversal range ±',
    min: 1,
    max: 4,
    step: 0.5,
    value: range,
    onInput: (v) => {
      range = v;
      void render();
    },
  });

  const ready = runSetup(frame, async () => {
    const { worker } = await startWorkerBackend(frame, options);
    frame.setStatus('Loading the pretrained β-VAE…');
    const sessionOptions: BetaVaeSessionOptions = {
      assetBase: new URL(options.assetBase || '.', document.baseURI).href,
      columns,
    };
    const opened = await worker.open('beta-vae', sessionOptions);
    if (frame.disposed) {
      opened.close();
      return;
    }
    session = opened;
    const info = await opened.call<BetaVaeInfo>('info');
    training = info.training;
    resolution = info.resolution;
    showMig();
    await render();
    frame.setStatus(
      `Pretrained β-VAE (${betaLabel(training.objective)}, ${info.latentDim}-D latent, ${resolution}×${resolution} sprites): ` +
        `test −ELBO ${fmt(training.scores.testNegElbo ?? Number.NaN, 1)} nats.`,
    );
  });

  frame.body.append(
    h(
      'div',
      { class: 'lk-panel' },
      shapeSelect.root,
      controls.scale.root,
      controls.orientation.root,
      controls.posX.root,
      controls.posY.root,
      rangeInput.root,
      h(
        'div',
        { class: 'lk-row' },
        figure('sprite', baseCanvas),
        figure('reconstruction', reconCanvas),
      ),
      migEl,
    ),
    h(
      'div',
      { class: 'lk-panel' },
      figure(
        'Latent traversals: the sprite’s code with one dimension set to each value from −range to +range, decoded. Rows sorted by KL; inactive dimensions (KL ≈ 0) do not change the image.',
        gridEl,
      ),
    ),
  );

  return {
    ready,
    dispose: () => frame.dispose(),
    get factors() {
      return { ...factors };
    },
    setFactors(f: Partial<SpriteFactors>) {
      Object.assign(factors, f);
      shapeSelect.select.value = String(factors.shape);
      for (const k of ['scale', 'orientation', 'posX', 'posY'] as const)
        controls[k].set(factors[k]);
      return render();
    },
    traversal: () => grid.slice(),
    get mig() {
      return training?.scores.mig;
    },
  };
}
