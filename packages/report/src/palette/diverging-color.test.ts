import { describe, expect, it } from 'vitest';
import { parseHex, toLab } from '../internal/color-vision.js';
import { divergingColor } from './diverging-color.js';

describe('divergingColor', () => {
  it('is near white at 0, purple below, orange above, clamped beyond ±1', () => {
    expect(divergingColor(0)).toEqual([247, 247, 247]);
    expect(divergingColor(-1)).toEqual(parseHex('#542788'));
    expect(divergingColor(1)).toEqual(parseHex('#b35806'));
    expect(divergingColor(5)).toEqual(divergingColor(1));
    expect(divergingColor(Number.NaN)).toEqual(divergingColor(0));
    // Monotone lightness towards each end.
    const l = (v: number) => toLab(divergingColor(v))[0];
    expect(l(0)).toBeGreaterThan(l(0.5));
    expect(l(0.5)).toBeGreaterThan(l(1));
    expect(l(-0.5)).toBeGreaterThan(l(-1));
  });
});
