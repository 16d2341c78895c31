import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { checkInteger } from '../internal/check-options.js';
import { dspriteShapeContains } from './dsprite-shapes.js';
import {
  DSPRITES_FACTOR_VALUES,
  DSPRITES_SHAPES,
  dspritesFactorsFromIndex,
} from './dsprites-factors.js';

/** Default image side in pixels, as in the original dSprites. */
export const DSPRITES_RESOLUTION = 64;

/**
 * Radius, as a fraction of the image side, of the disc every sprite of scale 1 fits in
 * (12.8 px at 64 × 64). A sprite of scale `s` fits in the disc of radius `s × 0.2 × resolution`.
 */
export const DSPRITES_MAX_RADIUS_FRACTION = 0.2;

/** Options of {@link renderDsprite} and {@link renderDsprites}. */
export interface RenderDspriteOptions {
  /** Image side in pixels, an integer in [8, 512]. Default 64. Use e.g. 32 or 28 for quick runs. */
  resolution?: number;
}

/** Pixel-space placement of one sprite (see {@link dspritePlacement}). */
export interface DspritePlacement {
  /** Centre x in pixels (continuous; the frame spans [0, resolution]). */
  cx: number;
  /** Centre y in pixels, downwards. */
  cy: number;
  /** Circumscribed radius in pixels. */
  radius: number;
}

/**
 * The pixel geometry of a sprite: where its centre is and how large it is, for a resolution `S`.
 *
 * - Coordinates are continuous pixels: the frame is `[0, S] × [0, S]`, x to the right, y down;
 *   pixel (row i, column j) covers `[j, j + 1] × [i, i + 1]` and is 1 iff its centre
 *   `(j + ½, i + ½)` is inside the sprite.
 * - "Scale 1" means a circumscribed radius of `R₁ = 0.2 S` pixels (12.8 px at 64 × 64); scale `s`
 *   gives radius `s R₁`. In units of that radius the square has side √2, the ellipse semi-axes 1 and
 *   ½, and the heart is built from a unit diamond and two discs of radius ½ (see
 *   {@link dspriteShapeContains}).
 * - Position `p ∈ [0, 1]` maps linearly to `R₁ + p (S − 2 R₁)`, horizontally for posX (0 = left)
 *   and vertically for posY (0 = top), so, as in the original dataset, every sprite stays entirely
 *   inside the frame at every scale and orientation.
 * - Orientation θ rotates the sprite counter-clockwise as displayed.
 *
 * @param scale - Scale value (0.5 … 1).
 * @param posX - Horizontal position in [0, 1].
 * @param posY - Vertical position in [0, 1].
 * @param resolution - Image side `S` in pixels.
 *
 * @example
 * ```ts
 * import { dspritePlacement } from '@latentkit/datasets';
 *
 * const { cx, cy, radius } = dspritePlacement(1, 0.5, 0.5, 64); // pixel centre and size at 64 × 64
 * ```
 */
export function dspritePlacement(
  scale: number,
  posX: number,
  posY: number,
  resolution: number,
): DspritePlacement {
  const r1 = DSPRITES_MAX_RADIUS_FRACTION * resolution;
  const span = resolution - 2 * r1;
  return { cx: r1 + posX * span, cy: r1 + posY * span, radius: scale * r1 };
}

/**
 * Renders one dSprites image, deterministically, from its index (see
 * {@link dspritesFactorsFromIndex} for the ordering and {@link dspritePlacement} for the geometry).
 * Nothing is cached: each call draws the sprite again with an analytic inside-test per pixel.
 *
 * @param index - Image index in `[0, 737280)`.
 * @param options - See {@link RenderDspriteOptions}.
 * @returns A new binary image, `Uint8Array` of 0/1, `[resolution, resolution]` row-major.
 * @throws {@link InvalidArgumentError} for a bad index or resolution; {@link UnknownOptionError}
 *   for an unknown option.
 *
 * @example
 * ```ts
 * import { renderDsprite } from '@latentkit/datasets';
 *
 * const image = renderDsprite(33); // Uint8Array(64 · 64) of 0/1, row-major
 * const small = renderDsprite(33, { resolution: 32 }); // Uint8Array(32 · 32)
 * ```
 */
export function renderDsprite(index: number, options: RenderDspriteOptions = {}): Uint8Array {
  const resolution = checkResolution(options);
  const out = new Uint8Array(resolution * resolution);
  drawSprite(index, resolution, out, 0);
  return out;
}

/**
 * Renders a batch of dSprites images by index (repeats allowed).
 *
 * @param indices - Image indices in `[0, 737280)`.
 * @param options - See {@link RenderDspriteOptions}.
 * @returns A new `Uint8Array` of 0/1, `[indices.length, resolution, resolution]` row-major.
 * @throws {@link InvalidArgumentError} for a bad index or resolution.
 *
 * @example
 * ```ts
 * import { renderDsprites } from '@latentkit/datasets';
 *
 * const images = renderDsprites([0, 33, 33], { resolution: 64 }); // Uint8Array(3 · 64 · 64)
 * ```
 */
export function renderDsprites(
  indices: ArrayLike<number>,
  options: RenderDspriteOptions = {},
): Uint8Array {
  const resolution = checkResolution(options);
  if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
    throw new InvalidArgumentError('indices', 'must be an array or typed array of indices');
  }
  const size = resolution * resolution;
  const out = new Uint8Array(indices.length * size);
  for (let b = 0; b < indices.length; b++) drawSprite(indices[b]!, resolution, out, b * size);
  return out;
}

/** @internal Validates the options and returns the resolution. */
export function checkResolution(options: RenderDspriteOptions): number {
  requireKnownOptions(options, ['resolution'], 'renderDsprite');
  return checkInteger(options.resolution ?? DSPRITES_RESOLUTION, 'resolution', 8, 512);
}

function drawSprite(index: number, resolution: number, out: Uint8Array, offset: number): void {
  const f = dspritesFactorsFromIndex(index);
  const shape = DSPRITES_SHAPES[f.shape]!;
  // Class 39 (2π) is drawn exactly like class 0, as in the original data.
  const theta = DSPRITES_FACTOR_VALUES.orientation[f.orientation % 39]!;
  const { cx, cy, radius } = dspritePlacement(
    DSPRITES_FACTOR_VALUES.scale[f.scale]!,
    DSPRITES_FACTOR_VALUES.posX[f.posX]!,
    DSPRITES_FACTOR_VALUES.posY[f.posY]!,
    resolution,
  );
  const cos = Math.cos(theta) / radius;
  const sin = Math.sin(theta) / radius;
  // Only pixels whose centre lies in the circumscribed disc's bounding box can be inside.
  const j0 = Math.max(0, Math.floor(cx - radius - 0.5));
  const j1 = Math.min(resolution - 1, Math.ceil(cx + radius - 0.5));
  const i0 = Math.max(0, Math.floor(cy - radius - 0.5));
  const i1 = Math.min(resolution - 1, Math.ceil(cy + radius - 0.5));
  for (let i = i0; i <= i1; i++) {
    const dy = cy - (i + 0.5); // up is positive
    for (let j = j0; j <= j1; j++) {
      const dx = j + 0.5 - cx;
      // Rotate the offset by −θ into the sprite's frame and divide by its radius.
      const u = dx * cos + dy * sin;
      const v = dy * cos - dx * sin;
      if (dspriteShapeContains(shape, u, v)) out[offset + i * resolution + j] = 1;
    }
  }
}
