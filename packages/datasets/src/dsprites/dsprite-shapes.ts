import { UnknownOptionError } from '@latentkit/core';
import { DSPRITES_SHAPES, type DspritesShape } from './dsprites-factors.js';

const HALF_DIAGONAL = Math.SQRT1_2; // half-side of the square, half-diagonal of the heart's diamond
const LOBE_CENTER = Math.SQRT1_2 / 2; // heart lobes centred at (±c, c)

/**
 * Analytic inside-test of the dSprites shapes in **unit sprite coordinates**: `u` to the right,
 * `v` up, origin at the sprite's reference point, every shape inscribed in the unit disc
 * (circumscribed radius exactly 1, so a sprite of radius R stays inside any frame region that
 * contains the disc of radius R, whatever its rotation).
 *
 * - square: `|u| ≤ 1/√2` and `|v| ≤ 1/√2` (side √2; area 2).
 * - ellipse: `u² + (2v)² ≤ 1` (semi-axes 1 along u and 1/2 along v; area π/2).
 * - heart: the union of a unit-side square rotated 45° with a corner pointing down
 *   (`|u| + |v| ≤ 1/√2`) and two discs of radius 1/2 centred on the midpoints of its two upper
 *   edges, `(±√2/4, √2/4)`; the discs' outer halves are disjoint and their inner halves lie in the
 *   square, so the area is 1 + π/4.
 *
 * Written by hand because no library fits: the original dSprites images are distributed only as a
 * NumPy `.npz` archive (not on npm, and it would have to be held in memory), no JavaScript library
 * draws these sprites, and the shapes are simple enough to define and test analytically.
 *
 * @param shape - Shape name.
 * @param u - Horizontal coordinate (unit sprite coordinates).
 * @param v - Vertical coordinate, pointing up.
 * @returns Whether the point is inside the shape (boundary included).
 * @throws {@link UnknownOptionError} for an unknown shape.
 *
 * @example
 * ```ts
 * import { dspriteShapeContains } from '@latentkit/datasets';
 *
 * dspriteShapeContains('ellipse', 0, 0); // → true (the centre)
 * dspriteShapeContains('square', 2, 2); // → false (outside the unit sprite)
 * ```
 */
export function dspriteShapeContains(shape: DspritesShape, u: number, v: number): boolean {
  switch (shape) {
    case 'square':
      return Math.abs(u) <= HALF_DIAGONAL && Math.abs(v) <= HALF_DIAGONAL;
    case 'ellipse':
      return u * u + 4 * v * v <= 1;
    case 'heart': {
      const au = Math.abs(u);
      if (au + Math.abs(v) <= HALF_DIAGONAL) return true;
      const du = au - LOBE_CENTER;
      const dv = v - LOBE_CENTER;
      return du * du + dv * dv <= 0.25;
    }
    default:
      throw new UnknownOptionError('shape', shape, DSPRITES_SHAPES);
  }
}
