/**
 * Colour arithmetic for checking palettes: sRGB ↔ linear RGB ↔ CIELAB (D65), the CIEDE2000
 * colour difference, WCAG 2 contrast ratios, and simulated dichromacy (Machado, Oliveira &
 * Fernandes 2009, severity 1, applied in linear RGB). Written out here (≈ 100 lines) rather than
 * pulling a colour library in for a handful of formulas. Internal: the palette's tests and
 * `divergingColor` use it.
 */
import { InvalidArgumentError } from '@latentkit/core';

/** An sRGB colour, channels 0–255. */
export type Rgb = readonly [number, number, number];

/** Kinds of colour vision the palette checks cover. */
export type ColorVision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

/** Every {@link ColorVision}. */
export const COLOR_VISIONS: readonly ColorVision[] = [
  'normal',
  'protanopia',
  'deuteranopia',
  'tritanopia',
];

// Machado et al. (2009), Table: severity 1.0, for linear RGB.
const MACHADO: Record<Exclude<ColorVision, 'normal'>, readonly number[]> = {
  protanopia: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopia: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopia: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
};

/**
 * Parses `#rrggbb`.
 *
 * @throws {@link InvalidArgumentError} for another format.
 */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new InvalidArgumentError('hex', `'${hex}' is not a #rrggbb colour`);
  return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16), Number.parseInt(m[3]!, 16)];
}

/** sRGB channel (0–255) to linear light (0–1). */
export function toLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** Linear light (0–1, clamped) to an sRGB channel (0–255, not rounded). */
export function fromLinear(v: number): number {
  const x = Math.min(1, Math.max(0, v));
  return 255 * (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055);
}

/** WCAG 2 relative luminance. */
export function relativeLuminance(rgb: Rgb): number {
  return 0.2126 * toLinear(rgb[0]) + 0.7152 * toLinear(rgb[1]) + 0.0722 * toLinear(rgb[2]);
}

/** WCAG 2 contrast ratio (1–21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** How a colour looks with the given colour vision (Machado 2009, full severity). */
export function simulateColorVision(rgb: Rgb, vision: ColorVision): Rgb {
  if (vision === 'normal') return rgb;
  const m = MACHADO[vision];
  const l = rgb.map(toLinear);
  const out = [0, 1, 2].map((r) =>
    fromLinear(m[r * 3]! * l[0]! + m[r * 3 + 1]! * l[1]! + m[r * 3 + 2]! * l[2]!),
  );
  return [out[0]!, out[1]!, out[2]!];
}

/** CIELAB (D65 white) of an sRGB colour. */
export function toLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => ((r * 180) / Math.PI + 360) % 360;

/** CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu & Dalal 2005). */
export function deltaE2000(
  lab1: readonly [number, number, number],
  lab2: readonly [number, number, number],
): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const h1p = C1p === 0 ? 0 : deg(Math.atan2(b1, a1p));
  const h2p = C2p === 0 ? 0 : deg(Math.atan2(b2, a2p));
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dhp / 2));
  const Lmp = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hmp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hmp = (h1p + h2p) / 2;
    else hmp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos(rad(hmp - 30)) +
    0.24 * Math.cos(rad(2 * hmp)) +
    0.32 * Math.cos(rad(3 * hmp + 6)) -
    0.2 * Math.cos(rad(4 * hmp - 63));
  const dTheta = 30 * Math.exp(-(((hmp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lmp - 50) ** 2) / Math.sqrt(20 + (Lmp - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(rad(2 * dTheta)) * Rc;
  return Math.sqrt(
    (dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh),
  );
}

/**
 * The smallest CIEDE2000 difference between any two colours of a palette as seen with `vision`.
 *
 * @param palette - `#rrggbb` colours.
 * @param vision - Colour vision to simulate.
 */
export function minPairwiseDifference(palette: readonly string[], vision: ColorVision): number {
  const labs = palette.map((h) => toLab(simulateColorVision(parseHex(h), vision)));
  let min = Infinity;
  for (let i = 0; i < labs.length; i++) {
    for (let j = i + 1; j < labs.length; j++) min = Math.min(min, deltaE2000(labs[i]!, labs[j]!));
  }
  return min;
}
