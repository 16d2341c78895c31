import type { Model } from '@latentkit/models';
import { decodePoints } from './latent-model.js';

/**
 * The decoded latent plane as an image: an `n × n` grid of codes covering [−limit, limit]²
 * (z₁ left to right, z₂ top to bottom from +limit), each decoded to E[x|z] and drawn 28 × 28 as
 * dark ink on white, for the explorer's background.
 *
 * @returns A canvas of `28n × 28n` pixels.
 */
export function decodedPlaneImage(model: Model, limit: number, n = 16): HTMLCanvasElement {
  const grid = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      grid[(r * n + c) * 2] = -limit + (2 * limit * (c + 0.5)) / n;
      grid[(r * n + c) * 2 + 1] = limit - (2 * limit * (r + 0.5)) / n;
    }
  }
  const images = decodePoints(model, grid);
  const canvas = document.createElement('canvas');
  canvas.width = n * 28;
  canvas.height = n * 28;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(n * 28, n * 28);
  for (let k = 0; k < n * n; k++) {
    const r = Math.floor(k / n);
    const c = k % n;
    for (let p = 0; p < 784; p++) {
      const g = 255 - Math.round(255 * images[k * 784 + p]!);
      const o = ((r * 28 + Math.floor(p / 28)) * n * 28 + c * 28 + (p % 28)) * 4;
      img.data.set([g, g, g, 255], o);
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}
