/**
 * Turns a drawing into an MNIST-style input, as MNIST was made: the ink's bounding box is scaled
 * (aspect kept) to fit a 20 × 20 box, placed in a 28 × 28 frame, and the image is shifted so its
 * centre of mass sits at the frame's centre (14, 14).
 *
 * @param ink - `size × size` intensities in [0, 1] (row-major), e.g. a canvas's red channel / 255.
 * @param size - Side of the drawing in pixels.
 * @param threshold - Ink above this counts for the bounding box. Default 0.1.
 * @returns 784 intensities in [0, 1]; all zeros for an empty drawing.
 * @throws {RangeError} when `ink` does not hold `size²` values.
 */
export function centerDigit(ink: ArrayLike<number>, size: number, threshold = 0.1): Float32Array {
  if (ink.length !== size * size) {
    throw new RangeError(`${ink.length} values are not a ${size}×${size} drawing`);
  }
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (ink[y * size + x]! > threshold) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  const out = new Float32Array(784);
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = 20 / Math.max(bw, bh); // target pixels per source pixel
  const cx = x0 + bw / 2; // bounding-box centre (source pixels)
  const cy = y0 + bh / 2;
  const sample = (sx: number, sy: number): number => {
    // bilinear, zero outside
    const fx = Math.floor(sx - 0.5);
    const fy = Math.floor(sy - 0.5);
    const ax = sx - 0.5 - fx;
    const ay = sy - 0.5 - fy;
    let v = 0;
    for (const [dx, dy, w] of [
      [0, 0, (1 - ax) * (1 - ay)],
      [1, 0, ax * (1 - ay)],
      [0, 1, (1 - ax) * ay],
      [1, 1, ax * ay],
    ] as const) {
      const px = fx + dx;
      const py = fy + dy;
      if (px >= 0 && py >= 0 && px < size && py < size) v += w * ink[py * size + px]!;
    }
    return v;
  };
  // Each target pixel averages 4 × 4 bilinear samples of its footprint in the drawing.
  const placed = new Float32Array(784);
  for (let ty = 0; ty < 28; ty++) {
    for (let tx = 0; tx < 28; tx++) {
      let acc = 0;
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const sx = cx + (tx + (i + 0.5) / 4 - 14) / scale;
          const sy = cy + (ty + (j + 0.5) / 4 - 14) / scale;
          acc += sample(sx, sy);
        }
      }
      placed[ty * 28 + tx] = Math.min(1, acc / 16);
    }
  }
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const v = placed[y * 28 + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  if (mass === 0) return out;
  const shiftX = Math.round(14 - mx / mass);
  const shiftY = Math.round(14 - my / mass);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const sx = x - shiftX;
      const sy = y - shiftY;
      if (sx >= 0 && sy >= 0 && sx < 28 && sy < 28) out[y * 28 + x] = placed[sy * 28 + sx]!;
    }
  }
  return out;
}
