import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  COLOR_VISIONS,
  contrastRatio,
  minPairwiseDifference,
  parseHex,
} from '../internal/color-vision.js';
import { PALETTE, PALETTE_BACKGROUND, paletteColor } from './palette.js';

describe('PALETTE', () => {
  it('has ten distinct colours, each ≥ 3:1 against the background', () => {
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(10);
    for (const c of PALETTE) {
      expect(contrastRatio(parseHex(c), parseHex(PALETTE_BACKGROUND))).toBeGreaterThanOrEqual(3);
    }
  });

  it('every pair stays ≥ 10 ΔE00 apart with normal vision and every simulated dichromacy', () => {
    for (const v of COLOR_VISIONS)
      expect(minPairwiseDifference(PALETTE, v)).toBeGreaterThanOrEqual(10);
  });

  it('would reject tab10 (the check can fail)', () => {
    const tab10 = [
      '#1f77b4',
      '#ff7f0e',
      '#2ca02c',
      '#d62728',
      '#9467bd',
      '#8c564b',
      '#e377c2',
      '#7f7f7f',
      '#bcbd22',
      '#17becf',
    ];
    expect(minPairwiseDifference(tab10, 'protanopia')).toBeLessThan(10);
  });

  it('paletteColor refuses NaN, infinities and non-numbers instead of returning undefined', () => {
    for (const i of [Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => paletteColor(i)).toThrow(InvalidArgumentError);
      expect(() => paletteColor(i)).toThrow(/^i: must be a finite number/);
    }
  });

  it('paletteColor wraps around and counts negative indices from the end', () => {
    expect(paletteColor(3)).toBe(PALETTE[3]);
    expect(paletteColor(13)).toBe(PALETTE[3]);
    expect(paletteColor(-1)).toBe(PALETTE[9]);
    expect(paletteColor(2.7)).toBe(PALETTE[2]);
  });
});
