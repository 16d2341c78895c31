import { divergingColor } from '@latentkit/report';
import { describe, expect, it } from 'vitest';
import {
  imageChecksum,
  intensityToRgba,
  meanSquaredError,
  rgbaToIntensity,
  signedToRgba,
} from './pixels.js';

describe('pixels', () => {
  it('intensity → RGBA → intensity round-trips to 1/255 and clamps', () => {
    const v = Float32Array.from([0, 0.25, 0.5, 1, -0.5, 2]);
    const rgba = intensityToRgba(v, 3, 2);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([64, 64, 64, 255]);
    const back = rgbaToIntensity(rgba);
    expect(Array.from(back).map((x) => Math.round(x * 255))).toEqual([0, 64, 128, 255, 0, 255]);
    expect(() => intensityToRgba(v, 2, 2)).toThrow(RangeError);
  });

  it('signed maps are scaled by their largest magnitude', () => {
    const rgba = signedToRgba([-2, 0, 1]);
    expect(Array.from(rgba.subarray(0, 3))).toEqual(divergingColor(-1));
    expect(Array.from(rgba.subarray(8, 11))).toEqual(divergingColor(0.5));
  });

  it('checksum: equal for equal displayed pixels, different when one grey level changes', () => {
    const a = Float32Array.from({ length: 784 }, (_, i) => (i % 7) / 7);
    const b = a.slice();
    b[100] = a[100]! + 0.0001; // same grey level after rounding
    expect(imageChecksum(b)).toBe(imageChecksum(a));
    b[100] = a[100]! + 2 / 255;
    expect(imageChecksum(b)).not.toBe(imageChecksum(a));
    expect(imageChecksum(a)).toMatch(/^[0-9a-f]{8}$/);
    // FNV-1a of the empty input is the offset basis.
    expect(imageChecksum([])).toBe('811c9dc5');
  });

  it('meanSquaredError', () => {
    expect(meanSquaredError([0, 1, 2], [0, 0, 0])).toBeCloseTo(5 / 3, 12);
    expect(() => meanSquaredError([1], [1, 2])).toThrow(RangeError);
  });
});
