import { fromLinear, parseHex, toLinear } from '../internal/color-vision.js';

// PuOr (ColorBrewer), a diverging scheme readable with every common colour-vision deficiency.
const NEGATIVE = parseHex('#542788');
const MIDDLE = parseHex('#f7f7f7');
const POSITIVE = parseHex('#b35806');

/**
 * A diverging colour for a signed value (e.g. the pixels of an eigen-digit): −1 → purple,
 * 0 → near white, +1 → orange (ColorBrewer PuOr, readable with every common colour-vision
 * deficiency), interpolated in linear light; values beyond ±1 are clamped, NaN counts as 0.
 *
 * @returns `[r, g, b]`, 0–255 integers.
 *
 * @example
 * ```ts
 * divergingColor(0); // [247, 247, 247]
 * divergingColor(-1); // [84, 39, 136]
 * ```
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
