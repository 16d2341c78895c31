import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import {
  COLOR_VISIONS,
  contrastRatio,
  deltaE2000,
  parseHex,
  simulateColorVision,
  toLab,
} from './color-vision.js';

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

  it('parseHex reads #rrggbb and refuses anything else with a typed error', () => {
    expect(parseHex('#0077bB')).toEqual([0, 119, 187]);
    expect(() => parseHex('red')).toThrow(InvalidArgumentError);
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
