import { h } from './dom.js';
import { rgbaToIntensity } from './pixels.js';

/** A canvas to draw a digit on with a mouse, pen or finger (white ink on black). */
export interface DrawPad {
  canvas: HTMLCanvasElement;
  /** Erases the drawing. */
  clear(): void;
  /** The drawing's intensities, `size × size` (red channel / 255). */
  ink(): Float32Array;
  /** Replaces the drawing by a 28 × 28 image scaled up (e.g. a test digit). */
  showImage(values: ArrayLike<number>): void;
  /** Removes the listeners. */
  dispose(): void;
}

/**
 * Creates a {@link DrawPad} of `size` pixels with a round brush of `brush` pixels; `onStroke`
 * runs after every stroke (pointer up).
 */
export function createDrawPad(size: number, brush: number, onStroke: () => void): DrawPad {
  const canvas = h('canvas', {
    width: size,
    height: size,
    class: 'lk-draw',
    role: 'img',
    'aria-label': 'Drawing area: draw a digit with the mouse, a pen or a finger.',
  });
  canvas.style.width = `${size}px`;
  canvas.style.alignSelf = 'flex-start';
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
  };
  clear();
  let last: [number, number] | undefined;
  const pos = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * size) / r.width, ((e.clientY - r.top) * size) / r.height];
  };
  const line = (a: [number, number], b: [number, number]) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = brush;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
  };
  const down = (e: PointerEvent) => {
    canvas.setPointerCapture(e.pointerId);
    last = pos(e);
    line(last, last);
  };
  const move = (e: PointerEvent) => {
    if (!last) return;
    const p = pos(e);
    line(last, p);
    last = p;
  };
  const up = () => {
    if (!last) return;
    last = undefined;
    onStroke();
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  return {
    canvas,
    clear,
    ink: () => rgbaToIntensity(ctx.getImageData(0, 0, size, size).data),
    showImage(values) {
      const small = document.createElement('canvas');
      small.width = 28;
      small.height = 28;
      const sctx = small.getContext('2d')!;
      const img = sctx.createImageData(28, 28);
      for (let i = 0; i < 784; i++) {
        const g = Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
        img.data.set([g, g, g, 255], i * 4);
      }
      sctx.putImageData(img, 0, 0);
      clear();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(small, 0, 0, size, size);
    },
    dispose() {
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', up);
    },
  };
}
