import { PALETTE } from '@latentkit/report';
import { h } from '../common/dom.js';
import {
  arrowStep,
  clamp,
  classMedians,
  fromCanvas,
  type LatentView,
  toCanvas,
} from './latent-view.js';

/** The interactive latent plane of the explorer (a canvas). */
export interface LatentPlane {
  canvas: HTMLCanvasElement;
  view: LatentView;
  /** The test codes and their digits (the scatter). */
  setCodes(codes: Float32Array, labels: ArrayLike<number>): void;
  /** An image drawn under the scatter over the whole view (the decoded plane), or none. */
  setBackground(image: CanvasImageSource | undefined): void;
  /** Moves the point (no callback). */
  setPoint(z1: number, z2: number): void;
  /** Interpolation paths as `[steps × 2]` codes. */
  setPaths(linear: Float32Array | undefined, spherical: Float32Array | undefined): void;
  /** Where the drawn digit lands, or none. */
  setMarker(z: readonly [number, number] | undefined): void;
  dispose(): void;
}

/**
 * Creates the plane: `size` CSS pixels showing [−limit, limit]². The point follows a mouse/pen
 * drag and the arrow keys (Shift for bigger steps) when the canvas has focus; `onMove` gets the
 * new latent point.
 */
export function createLatentPlane(
  size: number,
  limit: number,
  onMove: (z1: number, z2: number) => void,
): LatentPlane {
  const dpr = typeof devicePixelRatio === 'number' ? Math.min(devicePixelRatio, 3) : 1;
  const view: LatentView = { limit, size };
  const canvas = h('canvas', {
    class: 'lk-plane',
    width: Math.round(size * dpr),
    height: Math.round(size * dpr),
    tabindex: 0,
    role: 'application',
    'aria-roledescription': 'two-dimensional slider',
    'aria-label':
      'Latent plane: the test digits’ codes coloured by digit, and a point whose decoding is shown. Drag the point, or use the arrow keys (Shift for larger steps).',
  });
  canvas.style.width = `${size}px`;
  let codes: Float32Array = new Float32Array(0);
  let labels: ArrayLike<number> = [];
  let medians: ([number, number] | undefined)[] = [];
  let background: CanvasImageSource | undefined;
  let point: [number, number] = [0, 0];
  let paths: [Float32Array | undefined, Float32Array | undefined] = [undefined, undefined];
  let marker: readonly [number, number] | undefined;
  let frame = 0;

  const draw = () => {
    frame = 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    if (background) {
      ctx.globalAlpha = 0.45;
      ctx.drawImage(background, 0, 0, size, size);
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = '#bbb';
    ctx.lineWidth = 1;
    const [ox, oy] = toCanvas(view, 0, 0);
    ctx.beginPath();
    ctx.moveTo(0, oy);
    ctx.lineTo(size, oy);
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, size);
    ctx.stroke();
    for (let i = 0; i < labels.length; i++) {
      const [x, y] = toCanvas(view, codes[2 * i]!, codes[2 * i + 1]!);
      ctx.fillStyle = PALETTE[labels[i]!] ?? '#000';
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    ctx.font = 'bold 18px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 4;
    medians.forEach((m, d) => {
      if (!m) return;
      const [x, y] = toCanvas(view, m[0], m[1]);
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(String(d), x, y);
      ctx.fillStyle = PALETTE[d]!;
      ctx.fillText(String(d), x, y);
    });
    paths.forEach((p, k) => {
      if (!p) return;
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.setLineDash(k === 1 ? [6, 4] : []);
      ctx.beginPath();
      for (let i = 0; i < p.length / 2; i++) {
        const [x, y] = toCanvas(view, p[2 * i]!, p[2 * i + 1]!);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    });
    if (marker) {
      const [x, y] = toCanvas(view, marker[0], marker[1]);
      ctx.fillStyle = '#ffcc00';
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, y - 9);
      ctx.lineTo(x + 9, y);
      ctx.lineTo(x, y + 9);
      ctx.lineTo(x - 9, y);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    const [px, py] = toCanvas(view, point[0], point[1]);
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(px, py, 8, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(px, py, 8, 0, 2 * Math.PI);
    ctx.stroke();
  };
  const redraw = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  const move = (z1: number, z2: number) => {
    point = [clamp(z1, limit), clamp(z2, limit)];
    redraw();
    onMove(point[0], point[1]);
  };
  let dragging = false;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return fromCanvas(
      view,
      ((e.clientX - r.left) * size) / r.width,
      ((e.clientY - r.top) * size) / r.height,
    );
  };
  const down = (e: PointerEvent) => {
    dragging = true;
    canvas.setPointerCapture(e.pointerId);
    canvas.focus();
    move(...at(e));
  };
  const drag = (e: PointerEvent) => {
    if (dragging) move(...at(e));
  };
  const up = () => {
    dragging = false;
  };
  const key = (e: KeyboardEvent) => {
    const step = arrowStep(e.key, e.shiftKey, limit);
    if (!step) return;
    e.preventDefault();
    move(point[0] + step[0], point[1] + step[1]);
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', drag);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('keydown', key);
  redraw();

  return {
    canvas,
    view,
    setCodes(c, l) {
      codes = c;
      labels = l;
      medians = classMedians(c, l);
      redraw();
    },
    setBackground(image) {
      background = image;
      redraw();
    },
    setPoint(z1, z2) {
      point = [clamp(z1, limit), clamp(z2, limit)];
      redraw();
    },
    setPaths(linear, spherical) {
      paths = [linear, spherical];
      redraw();
    },
    setMarker(z) {
      marker = z;
      redraw();
    },
    dispose() {
      if (frame) cancelAnimationFrame(frame);
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', drag);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
      canvas.removeEventListener('keydown', key);
    },
  };
}
