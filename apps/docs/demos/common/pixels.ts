/**
 * Pure pixel helpers: greyscale intensities ↔ RGBA, signed maps, checksums. Digits are drawn as
 * MNIST shows them, white ink on black, so a canvas pixel's red channel / 255 is the intensity.
 */

import { divergingColor } from '@latentkit/report';

/**
 * RGBA bytes of a greyscale image: intensity v ∈ [0, 1] (clamped) → grey round(255·v), opaque.
 *
 * @param values - `width × height` intensities, row-major.
 * @throws {RangeError} when the length is not `width × height`.
 */
export function intensityToRgba(
  values: ArrayLike<number>,
  width: number,
  height: number,
): Uint8ClampedArray<ArrayBuffer> {
  if (values.length !== width * height) {
    throw new RangeError(`${values.length} values are not a ${width}×${height} image`);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < values.length; i++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
    out[i * 4] = g;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = g;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Intensities (red channel / 255) of RGBA bytes, the inverse of {@link intensityToRgba}. */
export function rgbaToIntensity(rgba: ArrayLike<number>): Float32Array {
  const out = new Float32Array(Math.floor(rgba.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4]! / 255;
  return out;
}

/**
 * RGBA bytes of a signed map (an eigen-digit): each value divided by the largest magnitude, then
 * coloured with the diverging palette (negative purple, zero white, positive orange).
 */
export function signedToRgba(values: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = divergingColor(max > 0 ? values[i]! / max : 0);
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}

/**
 * A checksum of an image as displayed: FNV-1a (32 bit) over its grey levels round(255·v), as 8
 * hex digits. Two images with the same checksum show the same pixels (with overwhelming odds);
 * the browser tests use it to see that a decoding changed.
 */
export function imageChecksum(values: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    h ^= Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Mean squared difference of two equally long arrays. @throws {RangeError} on a length mismatch. */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`lengths ${a.length} and ${b.length} differ (or are 0)`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s / a.length;
}
