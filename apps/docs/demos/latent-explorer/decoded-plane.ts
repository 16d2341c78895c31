/**
 * The decoded latent plane as an image: the decodings (E[x|z], from the model worker's `plane`)
 * of an `n × n` grid of codes covering [−limit, limit]² (z₁ left to right, z₂ top to bottom from
 * +limit, see `planeGrid`), drawn 28 × 28 each as dark ink on white, for the explorer's background.
 *
 * @param images - `[n² × 784]` intensities in [0, 1], the grid's codes in row-major order.
 * @param n - Codes per side.
 * @returns A canvas of `28n × 28n` pixels.
 */
export function decodedPlaneImage(images: Float32Array, n: number): HTMLCanvasElement {
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
