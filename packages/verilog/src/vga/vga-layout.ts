import { VerilogError } from '../errors/verilog-error.js';
import { VGA_640X480 } from './vga-timing.js';

/** Where the decoded image sits on the 640×480 screen, and the grey levels around it. */
export interface VgaLayout {
  /** Image width and height in image pixels (28 × 28 for MNIST). */
  imageWidth: number;
  /** Image height in image pixels. */
  imageHeight: number;
  /** Screen pixels per image pixel in each direction (a power of two). */
  scale: number;
  /** Left edge of the scaled image on screen, pixels (centred). */
  x0: number;
  /** Top edge of the scaled image on screen, lines (centred). */
  y0: number;
  /** Width of the frame drawn around the image, pixels (0: none). */
  border: number;
  /** Grey level (0…15) of that frame. */
  borderLevel: number;
  /** Grey level (0…15) of the rest of the visible screen. */
  background: number;
}

/** Options of {@link vgaLayout}. */
export interface VgaLayoutOptions {
  /** Image width, pixels. Default √outputs (28 for 784 outputs). */
  imageWidth?: number;
  /** Screen pixels per image pixel, a power of two. Default the largest that fits (16 for 28 × 28). */
  scale?: number;
  /** Frame width around the image, screen pixels. Default 8. */
  border?: number;
  /** Grey level of the frame. Default 8. */
  borderLevel?: number;
  /**
   * Grey level of the background. Default 1 (almost black): the whole visible area is lit, so
   * a capture shows exactly where the monitor's active area starts and ends (the porches).
   */
  background?: number;
}

function level(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 15) {
    throw new VerilogError('bad-option', `${what} must be a grey level in 0…15, got ${v}`);
  }
  return v;
}

// unchecked options: the public callers (nexysVgaTop) check their option keys first.
/**
 * The layout of an image of `pixels` pixels on the 640×480 screen: scaled by a power of two,
 * centred, a frame of `border` pixels around it.
 *
 * @throws {@link VerilogError} (`bad-option`) when the image is not `width × height`, the scale
 *   is not a power of two, the scaled image and its frame do not fit on 640×480, or a grey level
 *   is outside 0…15.
 *
 * @example
 * ```ts
 * import { vgaLayout } from '@latentkit/verilog';
 *
 * vgaLayout(784); // 28 × 28, scaled 16× and centred → { scale: 16, x0: 96, y0: 16, border: 8, … }
 * vgaLayout(784, { scale: 8, border: 2 });
 * ```
 */
export function vgaLayout(pixels: number, options: VgaLayoutOptions = {}): VgaLayout {
  const w = options.imageWidth ?? Math.round(Math.sqrt(pixels));
  if (!Number.isInteger(w) || w < 1 || pixels % w !== 0) {
    throw new VerilogError(
      'bad-option',
      `the ${pixels} outputs are not an image of width ${w}; pass imageWidth`,
    );
  }
  const h = pixels / w;
  const border = options.border ?? 8;
  if (!Number.isInteger(border) || border < 0) {
    throw new VerilogError('bad-option', `border must be an integer ≥ 0, got ${border}`);
  }
  const { h: ht, v: vt } = VGA_640X480;
  const fits = (s: number) => w * s + 2 * border <= ht.visible && h * s + 2 * border <= vt.visible;
  let scale = options.scale ?? 0;
  if (options.scale === undefined) {
    scale = 1;
    while (fits(scale * 2)) scale *= 2;
  }
  if (!Number.isInteger(scale) || scale < 1 || (scale & (scale - 1)) !== 0 || !fits(scale)) {
    throw new VerilogError(
      'bad-option',
      `scale ${scale} must be a power of two with the ${w}×${h} image and a ${border}-pixel frame inside 640×480`,
    );
  }
  return {
    imageWidth: w,
    imageHeight: h,
    scale,
    x0: Math.floor((ht.visible - w * scale) / 2),
    y0: Math.floor((vt.visible - h * scale) / 2),
    border,
    borderLevel: level(options.borderLevel ?? 8, 'borderLevel'),
    background: level(options.background ?? 1, 'background'),
  };
}

/**
 * The 640×480 screen (grey levels 0…15, row-major) the VGA top shows for an image of grey
 * levels: each image pixel a `scale × scale` block at (x0, y0), the frame around it, the
 * background elsewhere. The golden picture a captured frame is compared with.
 *
 * @param levels - `imageWidth · imageHeight` grey levels (e.g. `greyLevel` of the output codes).
 * @throws {@link VerilogError} (`bad-vectors`) for the wrong number of levels.
 *
 * @example
 * ```ts
 * import { vgaLayout, vgaScreen } from '@latentkit/verilog';
 *
 * const levels = new Uint8Array(784).fill(15); // a white 28 × 28 image
 * const screen = vgaScreen(levels, vgaLayout(784)); // Uint8Array(640 · 480): what the monitor shows
 * ```
 */
export function vgaScreen(levels: ArrayLike<number>, layout: VgaLayout): Uint8Array {
  const { imageWidth: w, imageHeight: h, scale: s, x0, y0, border: b } = layout;
  if (levels.length !== w * h) {
    throw new VerilogError('bad-vectors', `need ${w * h} grey levels, got ${levels.length}`);
  }
  const W = VGA_640X480.h.visible;
  const H = VGA_640X480.v.visible;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const ix = x - x0;
      const iy = y - y0;
      let v = layout.background;
      if (ix >= 0 && ix < w * s && iy >= 0 && iy < h * s) {
        v = levels[Math.floor(iy / s) * w + Math.floor(ix / s)]!;
      } else if (ix >= -b && ix < w * s + b && iy >= -b && iy < h * s + b) {
        v = layout.borderLevel;
      }
      out[y * W + x] = v;
    }
  }
  return out;
}
