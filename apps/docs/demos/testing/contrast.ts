/**
 * WCAG 2 contrast of text against what is behind it, from CSS colours as the browser computes
 * them (`getComputedStyle(el).color`, `background-color` of the element and its ancestors).
 * Pure functions: the browser tests collect the colours in the page and judge them here, so the
 * judgement itself is unit-tested.
 */

/** An sRGB colour with alpha: channels 0–255, alpha 0–1. */
export type Rgba = readonly [number, number, number, number];

/**
 * Parses a computed CSS colour: `rgb(r, g, b)`, `rgba(r, g, b, a)`, the space-separated forms
 * (`rgb(r g b / a)`), `color(srgb r g b / a)` (channels 0–1), `transparent` and `#rgb`/`#rrggbb`.
 *
 * @throws Error naming the text for any other form (a test must not judge a colour it misread).
 */
export function parseCssColor(text: string): Rgba {
  const t = text.trim().toLowerCase();
  if (t === 'transparent') return [0, 0, 0, 0];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(t);
  if (hex) {
    const h = hex[1]!;
    const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
    return [0, 2, 4]
      .map((i) => Number.parseInt(full.slice(i, i + 2), 16))
      .concat(1) as unknown as Rgba;
  }
  const fn = /^(rgba?|color)\((.*)\)$/.exec(t);
  if (fn) {
    const srgb = fn[1] === 'color';
    let body = fn[2]!.trim();
    if (srgb) {
      if (!body.startsWith('srgb ')) throw new Error(`unsupported colour ${JSON.stringify(text)}`);
      body = body.slice(5);
    }
    const parts = body.split(/[\s,/]+/).filter((p) => p !== '');
    if (parts.length === 3 || parts.length === 4) {
      const channel = (p: string) => {
        const v = p.endsWith('%') ? (Number.parseFloat(p) / 100) * 255 : Number.parseFloat(p);
        return srgb && !p.endsWith('%') ? v * 255 : v;
      };
      const alphaOf = (p: string | undefined) =>
        p === undefined ? 1 : p.endsWith('%') ? Number.parseFloat(p) / 100 : Number.parseFloat(p);
      const out = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!), alphaOf(parts[3])];
      if (out.every((v) => Number.isFinite(v))) return out as unknown as Rgba;
    }
  }
  throw new Error(`unsupported colour ${JSON.stringify(text)}`);
}

/** `top` painted over the opaque `bottom` (source-over), opaque result. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [
    top[0] * a + bottom[0] * (1 - a),
    top[1] * a + bottom[1] * (1 - a),
    top[2] * a + bottom[2] * (1 - a),
    1,
  ];
}

/**
 * The opaque colour behind an element: its own and its ancestors' backgrounds (nearest first)
 * composited from the first opaque one down; `canvas` (default white) below them all.
 */
export function effectiveBackground(
  backgrounds: readonly Rgba[],
  canvas: Rgba = [255, 255, 255, 1],
): Rgba {
  let end = backgrounds.findIndex((c) => c[3] >= 1);
  let base = canvas;
  if (end >= 0) base = backgrounds[end]!;
  else end = backgrounds.length;
  for (let i = end - 1; i >= 0; i--) base = over(backgrounds[i]!, base);
  return base;
}

/** WCAG 2 relative luminance of an opaque sRGB colour (0 black … 1 white). */
export function relativeLuminance(c: Rgba): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** WCAG 2 contrast ratio (1 … 21) of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** One piece of text as the page showed it (collected by `textColours` in the page). */
export interface TextSample {
  /** The first characters of the text (for the failure message). */
  text: string;
  /** Computed `color`. */
  color: string;
  /** Computed `background-color` of the element and its ancestors, nearest first. */
  backgrounds: string[];
  /** Product of the element's and its ancestors' `opacity`. */
  opacity: number;
}

/**
 * The contrast of one text sample: its colour (with the element's opacity) over the effective
 * background.
 */
export function sampleContrast(sample: TextSample): number {
  const bg = effectiveBackground(sample.backgrounds.map(parseCssColor));
  const fg = parseCssColor(sample.color);
  const shown = over([fg[0], fg[1], fg[2], fg[3] * sample.opacity], bg);
  // Opacity on an ancestor fades its background too; WCAG judges what is seen, and a faded
  // background over the page canvas is what the reader sees. The tests skip disabled controls
  // (WCAG exempts inactive components), the only place the demos use opacity.
  return contrastRatio(shown, bg);
}
