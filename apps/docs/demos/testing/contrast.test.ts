import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  effectiveBackground,
  parseCssColor,
  relativeLuminance,
  sampleContrast,
} from './contrast.js';

describe('contrast', () => {
  it('parses the forms getComputedStyle returns', () => {
    expect(parseCssColor('rgb(26, 26, 26)')).toEqual([26, 26, 26, 1]);
    expect(parseCssColor('rgba(60, 60, 67, 0.78)')).toEqual([60, 60, 67, 0.78]);
    expect(parseCssColor('rgb(1 2 3 / 50%)')).toEqual([1, 2, 3, 0.5]);
    expect(parseCssColor('color(srgb 1 0 0.5)')).toEqual([255, 0, 127.5, 1]);
    expect(parseCssColor('transparent')).toEqual([0, 0, 0, 0]);
    expect(parseCssColor('#0077bb')).toEqual([0, 0x77, 0xbb, 1]);
    expect(() => parseCssColor('oklch(0.5 0.1 200)')).toThrow(/unsupported colour/);
  });

  it('matches WCAG figures', () => {
    expect(relativeLuminance([255, 255, 255, 1])).toBeCloseTo(1, 12);
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 10);
    // #777 on white is the classic just-failing grey (4.48:1); #767676 just passes (4.54:1).
    expect(contrastRatio([0x77, 0x77, 0x77, 1], [255, 255, 255, 1])).toBeCloseTo(4.48, 2);
    expect(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])).toBeCloseTo(4.54, 2);
    // The review's finding: near-black demo text on the dark theme's background.
    expect(contrastRatio([26, 26, 26, 1], [27, 27, 31, 1])).toBeLessThan(1.05);
  });

  it('composites translucent backgrounds down to the first opaque one', () => {
    const bg = effectiveBackground([
      [0, 0, 0, 0],
      [255, 0, 0, 0.5],
      [0, 0, 255, 1],
      [0, 255, 0, 1],
    ]);
    expect(bg).toEqual([127.5, 0, 127.5, 1]);
    expect(effectiveBackground([[0, 0, 0, 0]])).toEqual([255, 255, 255, 1]);
    expect(effectiveBackground([], [27, 27, 31, 1])).toEqual([27, 27, 31, 1]);
  });

  it('judges a sample with translucent text and opacity', () => {
    const dark = { text: 'x', backgrounds: ['rgba(0, 0, 0, 0)', 'rgb(27, 27, 31)'], opacity: 1 };
    expect(sampleContrast({ ...dark, color: 'rgb(26, 26, 26)' })).toBeLessThan(1.05);
    expect(sampleContrast({ ...dark, color: 'rgba(235, 235, 245, 0.6)' })).toBeGreaterThan(4.5);
    expect(sampleContrast({ ...dark, color: 'rgb(255, 255, 255)', opacity: 0.2 })).toBeLessThan(
      sampleContrast({ ...dark, color: 'rgb(255, 255, 255)' }),
    );
  });
});
