import { requireFiniteNumber } from '@latentkit/core';

/**
 * Ten categorical colours, one per class (an MNIST digit) or chart series, chosen for
 * colour-vision deficiencies: every pair differs by CIEDE2000 ≥ 10 under normal vision and
 * simulated protanopia, deuteranopia and tritanopia, and every colour has a WCAG contrast ≥ 3:1
 * on {@link PALETTE_BACKGROUND} (checked in `palette.test.ts`). Drawn from the Okabe–Ito and
 * Paul Tol schemes. (matplotlib's tab10 fails: two of its colours are ΔE 1.3 apart for a
 * protanope.) Charts label their series and classes as well, so colour is never the only cue.
 */
export const PALETTE: readonly string[] = [
  '#0077BB',
  '#CC3311',
  '#009E73',
  '#332288',
  '#EE6677',
  '#999933',
  '#000000',
  '#CC79A7',
  '#8C564B',
  '#882255',
];

/** The background {@link PALETTE} is checked against (and the charts are drawn on). */
export const PALETTE_BACKGROUND = '#ffffff';

/**
 * The {@link PALETTE} colour of index `i`, wrapping after ten (negative indices count from the
 * end, fractions are truncated).
 *
 * @throws `InvalidArgumentError` (from `@latentkit/core`) unless `i` is a finite number.
 *
 * @example
 * ```ts
 * paletteColor(3) === PALETTE[3]; // true
 * paletteColor(13) === PALETTE[3]; // true
 * ```
 */
export function paletteColor(i: number): string {
  requireFiniteNumber(i, 'i');
  const n = PALETTE.length;
  return PALETTE[((Math.trunc(i) % n) + n) % n]!;
}
