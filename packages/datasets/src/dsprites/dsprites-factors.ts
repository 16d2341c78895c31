import { InvalidArgumentError } from '@latentkit/core';

/** The three dSprites shapes, in factor order (class 0, 1, 2). */
export const DSPRITES_SHAPES = ['square', 'ellipse', 'heart'] as const;

/** A dSprites shape name. */
export type DspritesShape = (typeof DSPRITES_SHAPES)[number];

/**
 * The factors of variation in index order (most significant first) and their number of values,
 * as in the original dSprites (`latents_sizes` without the constant colour factor).
 */
export const DSPRITES_FACTOR_SIZES = {
  /** 3 shapes: square, ellipse, heart. */
  shape: 3,
  /** 6 scales, 0.5 … 1. */
  scale: 6,
  /** 40 orientations, 0 … 2π radians (0 and 2π both included). */
  orientation: 40,
  /** 32 horizontal positions, 0 … 1. */
  posX: 32,
  /** 32 vertical positions, 0 (top) … 1. */
  posY: 32,
} as const;

/** A dSprites factor name. */
export type DspritesFactorName = keyof typeof DSPRITES_FACTOR_SIZES;

/** The factor names in index order: shape, scale, orientation, posX, posY. */
export const DSPRITES_FACTOR_NAMES: readonly DspritesFactorName[] = [
  'shape',
  'scale',
  'orientation',
  'posX',
  'posY',
];

/** Number of dSprites images: 3 × 6 × 40 × 32 × 32 = 737,280. */
export const DSPRITES_COUNT = 737_280;

function linspace(start: number, stop: number, n: number): readonly number[] {
  return Object.freeze(Array.from({ length: n }, (_, k) => start + ((stop - start) * k) / (n - 1)));
}

/**
 * The value of each factor class, as in the original `latents_values`:
 * scale = linspace(0.5, 1, 6); orientation = linspace(0, 2π, 40) radians (both 0 and 2π are
 * included, so classes 0 and 39 give the same image, as in the original); posX and posY =
 * linspace(0, 1, 32).
 */
export const DSPRITES_FACTOR_VALUES = Object.freeze({
  /** 6 scales, linspace(0.5, 1, 6); 1 = the largest sprite. */
  scale: linspace(0.5, 1, 6),
  /** 40 counter-clockwise rotations in radians, linspace(0, 2π, 40). */
  orientation: linspace(0, 2 * Math.PI, 40),
  /** 32 horizontal positions, linspace(0, 1, 32) (0 = left). */
  posX: linspace(0, 1, 32),
  /** 32 vertical positions, linspace(0, 1, 32) (0 = top). */
  posY: linspace(0, 1, 32),
});

/** The factor classes of one dSprites image (each an integer index into its factor's values). */
export interface DspritesFactors {
  /** 0 square, 1 ellipse, 2 heart. */
  shape: number;
  /** 0–5 → scale 0.5 … 1. */
  scale: number;
  /** 0–39 → orientation 0 … 2π. */
  orientation: number;
  /** 0–31 → position x 0 (left) … 1 (right). */
  posX: number;
  /** 0–31 → position y 0 (top) … 1 (bottom). */
  posY: number;
}

/** The factor values of one dSprites image. */
export interface DspritesFactorValues {
  /** Shape name. */
  shape: DspritesShape;
  /** Scale in [0.5, 1] (1 = the largest sprite; see `renderDsprite` for pixels). */
  scale: number;
  /** Counter-clockwise rotation in radians, [0, 2π]. */
  orientation: number;
  /** Horizontal position in [0, 1]. */
  posX: number;
  /** Vertical position in [0, 1] (0 = top). */
  posY: number;
}

/**
 * The factor classes of the image with the given index. The ordering is the original dataset's:
 * shape most significant, then scale, orientation, posX, and posY least significant, i.e.
 * `index = (((shape × 6 + scale) × 40 + orientation) × 32 + posX) × 32 + posY`.
 *
 * @param index - Image index, an integer in `[0, 737280)`.
 * @throws {@link InvalidArgumentError} for an index out of range or not an integer.
 *
 * @example
 * ```ts
 * import { dspritesFactorsFromIndex } from '@latentkit/datasets';
 *
 * dspritesFactorsFromIndex(0); // → { shape: 0, scale: 0, orientation: 0, posX: 0, posY: 0 }
 * dspritesFactorsFromIndex(33); // → { shape: 0, scale: 0, orientation: 0, posX: 1, posY: 1 }
 * ```
 */
export function dspritesFactorsFromIndex(index: number): DspritesFactors {
  if (!Number.isInteger(index) || index < 0 || index >= DSPRITES_COUNT) {
    throw new InvalidArgumentError(
      'index',
      `must be an integer in [0, ${DSPRITES_COUNT}), got ${index}`,
    );
  }
  let rest = index;
  const posY = rest % 32;
  rest = (rest - posY) / 32;
  const posX = rest % 32;
  rest = (rest - posX) / 32;
  const orientation = rest % 40;
  rest = (rest - orientation) / 40;
  const scale = rest % 6;
  const shape = (rest - scale) / 6;
  return { shape, scale, orientation, posX, posY };
}

/**
 * The index of the image with the given factor classes (inverse of
 * {@link dspritesFactorsFromIndex}).
 *
 * @param factors - Factor classes, each an integer within its range.
 * @throws {@link InvalidArgumentError} naming the first factor out of range.
 *
 * @example
 * ```ts
 * import { dspritesIndexFromFactors } from '@latentkit/datasets';
 *
 * dspritesIndexFromFactors({ shape: 0, scale: 0, orientation: 0, posX: 1, posY: 1 }); // → 33
 * ```
 */
export function dspritesIndexFromFactors(factors: DspritesFactors): number {
  if (factors === null || typeof factors !== 'object') {
    throw new InvalidArgumentError('factors', 'must be an object of factor classes');
  }
  let index = 0;
  for (const name of DSPRITES_FACTOR_NAMES) {
    const size = DSPRITES_FACTOR_SIZES[name];
    const c = factors[name];
    if (!Number.isInteger(c) || c < 0 || c >= size) {
      throw new InvalidArgumentError(
        `factors.${name}`,
        `must be an integer in [0, ${size}), got ${c}`,
      );
    }
    index = index * size + c;
  }
  return index;
}

/**
 * The factor values for factor classes.
 *
 * @param factors - Factor classes (validated as {@link dspritesIndexFromFactors}).
 * @throws {@link InvalidArgumentError} for a class out of range.
 *
 * @example
 * ```ts
 * import { dspritesFactorValues } from '@latentkit/datasets';
 *
 * const v = dspritesFactorValues({ shape: 2, scale: 5, orientation: 0, posX: 31, posY: 0 });
 * // → heart, scale 1, orientation 0 rad, posX 1, posY 0 (positions in [0, 1])
 * ```
 */
export function dspritesFactorValues(factors: DspritesFactors): DspritesFactorValues {
  dspritesIndexFromFactors(factors);
  return {
    shape: DSPRITES_SHAPES[factors.shape]!,
    scale: DSPRITES_FACTOR_VALUES.scale[factors.scale]!,
    orientation: DSPRITES_FACTOR_VALUES.orientation[factors.orientation]!,
    posX: DSPRITES_FACTOR_VALUES.posX[factors.posX]!,
    posY: DSPRITES_FACTOR_VALUES.posY[factors.posY]!,
  };
}
