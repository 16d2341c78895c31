import { fromLinear, parseHex, toLinear } from './color-vision.js';

/**
 * One colour per MNIST digit 0–9, chosen for colour-vision deficiencies: every pair differs by
 * CIEDE2000 ≥ 10 under normal vision and simulated protanopia, deuteranopia and tritanopia, and
 * every colour has a WCAG contrast ≥ 3:1 on white (checked in `palette.test.ts`). Drawn from
 * the Okabe–Ito and Paul Tol schemes. (matplotlib's tab10 fails: two of its colours are ΔE 1.3
 * apart for a protanope.) The latent scatter also labels each digit cluster, so colour is never
 * the only cue.
 */
export const DIGIT_COLORS: readonly string[] = [
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

/** Background the palette is checked against. */
export const PALETTE_BACKGROUND = '#ffffff';

/** The colour of digit `d` (0–9). @throws {RangeError} for another value. */
export function digitColor(d: number): string {
  const c = DIGIT_COLORS[d];
  if (!Number.isInteger(d) || c === undefined) throw new RangeError(`no colour for digit ${d}`);
  return c;
}

// PuOr (ColorBrewer), a diverging scheme readable with every common colour-vision deficiency.
const NEGATIVE = parseHex('#542788');
const MIDDLE = parseHex('#f7f7f7');
const POSITIVE = parseHex('#b35806');

/**
 * A diverging colour for a signed value (eigen-digits): −1 → purple, 0 → near white, +1 →
 * orange, interpolated in linear light; values beyond ±1 are clamped.
 *
 * @returns `[r, g, b]`, 0–255 integers.
 */
export function divergingColor(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(-1, Number.isFinite(v) ? v : 0));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  const out = [0, 1, 2].map((i) =>
    Math.round(fromLinear((1 - a) * toLinear(MIDDLE[i]!) + a * toLinear(end[i]!))),
  );
  return [out[0]!, out[1]!, out[2]!];
}
