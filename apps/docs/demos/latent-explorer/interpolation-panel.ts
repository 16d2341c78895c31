import { button, figure, h, pixelCanvas, putRgba, selectControl } from '../common/dom.js';
import { imageChecksum, intensityToRgba } from '../common/pixels.js';
import type { ExplorerContext } from './explorer-context.js';
import { interpolationEnds } from './explorer-state.js';
import type { ExplorerInterpolation } from './latent-explorer-session.js';
import { latestRequests } from './latest-requests.js';

/** The interpolation panel: its elements and a redraw. */
export interface InterpolationPanel {
  /** The panel's content (heading, digit choices, end digits, the two strips). */
  readonly nodes: HTMLElement[];
  /**
   * Decodes both strips for the current choice in the model worker and draws them, and their
   * paths on the plane; resolves once they are drawn — with true — or failed — with false (a
   * newer choice replaces a waiting one).
   */
  show(): Promise<boolean>;
  /** Stops drawing results that arrive later. */
  dispose(): void;
}

const rgba = (x: Float32Array) => intensityToRgba(x, 28, 28);

/**
 * Linear and spherical interpolation between two test digits chosen by digit class, `steps`
 * points each, drawn as strips and as paths on the plane. Sets `data-interp-from`,
 * `data-interp-to`, `data-linear-checksum` and `data-spherical-checksum` on the frame.
 */
export function createInterpolationPanel(
  context: ExplorerContext,
  steps: number,
): InterpolationPanel {
  let from = 1;
  let to = 0;
  let round = 0;
  const ends = [pixelCanvas(28, 28, 56, 'Start digit'), pixelCanvas(28, 28, 56, 'End digit')];
  const strip = (label: string) =>
    Array.from({ length: steps }, (_, i) => pixelCanvas(28, 28, 40, `${label} step ${i + 1}`));
  const linear = strip('Linear interpolation');
  const spherical = strip('Spherical interpolation');

  interface Choice {
    ia: number;
    ib: number;
  }
  const requests = latestRequests<Choice, ExplorerInterpolation>({
    run: ({ ia, ib }) => {
      const { session, codes } = context.loaded()!;
      const a = [codes[2 * ia]!, codes[2 * ia + 1]!];
      const b = [codes[2 * ib]!, codes[2 * ib + 1]!];
      return session.call('interpolate', { a, b, steps });
    },
    show: (paths, { ia, ib }) => {
      const lin = { codes: paths.linearCodes, images: paths.linearImages };
      const sph = { codes: paths.sphericalCodes, images: paths.sphericalImages };
      const { plane, digit } = context.loaded()!;
      putRgba(ends[0]!, rgba(digit(ia)));
      putRgba(ends[1]!, rgba(digit(ib)));
      for (let i = 0; i < steps; i++) {
        putRgba(linear[i]!, rgba(lin.images.subarray(i * 784, (i + 1) * 784)));
        putRgba(spherical[i]!, rgba(sph.images.subarray(i * 784, (i + 1) * 784)));
      }
      plane.setPaths(lin.codes, sph.codes);
      const { frame } = context;
      frame.setData('interp-from', ia);
      frame.setData('interp-to', ib);
      frame.setData('linear-checksum', imageChecksum(lin.images));
      frame.setData('spherical-checksum', imageChecksum(sph.images));
    },
    fail: (error) => context.fail(error),
  });

  function show(): Promise<boolean> {
    const loaded = context.loaded();
    if (!loaded) return Promise.resolve(false);
    const [ia, ib] = interpolationEnds(loaded.examples, from, to, round);
    return requests.request({ ia, ib });
  }

  const digits = Array.from({ length: 10 }, (_, d) => ({ value: String(d), text: String(d) }));
  const fromSelect = selectControl('From digit', digits, String(from), (v) => {
    from = Number(v);
    void show();
  });
  const toSelect = selectControl('to digit', digits, String(to), (v) => {
    to = Number(v);
    void show();
  });
  const nodes = [
    h('h4', {}, 'Interpolation'),
    h(
      'div',
      { class: 'lk-row' },
      fromSelect.root,
      toSelect.root,
      button('Other examples', () => {
        round += 1;
        void show();
      }),
    ),
    h('div', { class: 'lk-row' }, figure('start', ends[0]!), figure('end', ends[1]!)),
    figure(
      'Linear: (1 − t)·a + t·b (solid path on the plane).',
      h('div', { class: 'lk-row' }, ...linear),
    ),
    figure(
      'Spherical (slerp; dashed path): keeps the path in the prior’s typical shell.',
      h('div', { class: 'lk-row' }, ...spherical),
    ),
  ];
  return { nodes, show, dispose: () => requests.dispose() };
}
