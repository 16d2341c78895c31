import { describe, expect, it } from 'vitest';
import {
  COLOR_VISIONS,
  contrastRatio,
  deltaE2000,
  minPairwiseDifference,
  parseHex,
  simulateColorVision,
  toLab,
} from './color-vision.js';
import { DIGIT_COLORS, digitColor, divergingColor, PALETTE_BACKGROUND } from './palette.js';

describe('colour arithmetic', () => {
  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    // Pairs 1, 7, 13, 17 and 25 of their Table 1.
    const cases: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, want] of cases) {
      expect(deltaE2000(a as [number, number, number], b as [number, number, number])).toBeCloseTo(
        want,
        4,
      );
    }
  });

  it('WCAG contrast: black on white is 21, a colour against itself 1', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrastRatio([120, 30, 200], [120, 30, 200])).toBe(1);
    // #767676 is the classic 4.54:1 grey on white.
    expect(contrastRatio(parseHex('#767676'), [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it('dichromacy simulation keeps greys and merges red and green for a deuteranope', () => {
    for (const v of COLOR_VISIONS) {
      const g = simulateColorVision([128, 128, 128], v);
      for (const c of g) expect(c).toBeCloseTo(128, 0);
    }
    const red = toLab(simulateColorVision(parseHex('#d62728'), 'deuteranopia'));
    const green = toLab(simulateColorVision(parseHex('#2ca02c'), 'deuteranopia'));
    const normal = deltaE2000(toLab(parseHex('#d62728')), toLab(parseHex('#2ca02c')));
    expect(deltaE2000(red, green)).toBeLessThan(normal / 2);
  });
});

describe('DIGIT_COLORS', () => {
  it('has ten distinct colours, each ≥ 3:1 against the background', () => {
    expect(new Set(DIGIT_COLORS.map((c) => c.toLowerCase())).size).toBe(10);
    for (const c of DIGIT_COLORS) {
      expect(contrastRatio(parseHex(c), parseHex(PALETTE_BACKGROUND))).toBeGreaterThanOrEqual(3);
    }
  });

  it('every pair stays ≥ 10 ΔE00 apart with normal vision and every simulated dichromacy', () => {
    for (const v of COLOR_VISIONS)
      expect(minPairwiseDifference(DIGIT_COLORS, v)).toBeGreaterThanOrEqual(10);
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

  it('digitColor checks its argument', () => {
    expect(digitColor(3)).toBe(DIGIT_COLORS[3]);
    expect(() => digitColor(10)).toThrow(RangeError);
    expect(() => digitColor(1.5)).toThrow(RangeError);
  });
});

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
