/**
 * The dSprites factors as the β-VAE demo's controls need them, kept in the page's own module so
 * the page does not import `@latentkit/datasets` (and with it tfjs) on its main thread: the
 * sprites are rendered in the model worker. `sprite-factors.test.ts` checks these against
 * `DSPRITES_SHAPES` and `DSPRITES_FACTOR_SIZES` of `@latentkit/datasets`.
 */

/** The three shapes, in factor order. */
export const SPRITE_SHAPES = ['square', 'ellipse', 'heart'] as const;

/** Number of values of each factor. */
export const SPRITE_FACTOR_SIZES = {
  shape: 3,
  scale: 6,
  orientation: 40,
  posX: 32,
  posY: 32,
} as const;
