import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dspriteShapeContains } from './dsprite-shapes.js';
import {
  DSPRITES_COUNT,
  DSPRITES_FACTOR_VALUES,
  type DspritesFactors,
  dspritesFactorsFromIndex,
  dspritesIndexFromFactors,
} from './dsprites-factors.js';
import { dspritePlacement, renderDsprite, renderDsprites } from './render-dsprite.js';

const index = (f: DspritesFactors) => dspritesIndexFromFactors(f);
const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
const equal = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Analytic area and perimeter of each shape for a circumscribed radius R, from the documented
 * geometry: square of side √2 R; ellipse with semi-axes R and R/2 (Ramanujan's perimeter);
 * heart = unit-side diamond (area R²) + two half-discs of radius R/2 (together πR²/4), whose
 * outline is two diamond edges of length R and two semicircles of length πR/2.
 */
function analytic(shape: number, r: number): { area: number; perimeter: number } {
  if (shape === 0) return { area: 2 * r * r, perimeter: 4 * Math.SQRT2 * r };
  if (shape === 1) {
    const [a, b] = [r, r / 2];
    const perimeter = Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b)));
    return { area: Math.PI * a * b, perimeter };
  }
  return { area: (1 + Math.PI / 4) * r * r, perimeter: (2 + Math.PI) * r };
}

describe('renderDsprite', () => {
  it('renders binary 64 × 64 images by default, smaller on request', () => {
    const img = renderDsprite(123_456);
    expect(img).toBeInstanceOf(Uint8Array);
    expect(img.length).toBe(64 * 64);
    expect(img.every((v) => v === 0 || v === 1)).toBe(true);
    expect(renderDsprite(123_456, { resolution: 28 }).length).toBe(28 * 28);
    expect(renderDsprite(123_456, { resolution: 32 }).length).toBe(32 * 32);
  });

  it('property: the same index renders the same image; batches match single renders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: DSPRITES_COUNT - 1 }), { minLength: 1, maxLength: 6 }),
        (ids) => {
          const batch = renderDsprites(ids);
          ids.forEach((i, k) => {
            expect(equal(batch.subarray(k * 4096, (k + 1) * 4096), renderDsprite(i))).toBe(true);
          });
          expect(equal(renderDsprites(ids), batch)).toBe(true);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it('property: images whose shape, scale or position differ are different', () => {
    const factor = fc.record({
      shape: fc.integer({ min: 0, max: 2 }),
      scale: fc.integer({ min: 0, max: 5 }),
      orientation: fc.integer({ min: 0, max: 39 }),
      posX: fc.integer({ min: 0, max: 31 }),
      posY: fc.integer({ min: 0, max: 31 }),
    });
    fc.assert(
      fc.property(
        factor,
        fc.constantFrom('shape', 'scale', 'posX', 'posY'),
        fc.integer({ min: 1, max: 31 }),
        (f, name, delta) => {
          const size = { shape: 3, scale: 6, posX: 32, posY: 32 }[name]!;
          const g = { ...f, [name]: (f[name] + (delta % (size - 1)) + 1) % size };
          expect(g[name]).not.toBe(f[name]);
          expect(equal(renderDsprite(index(f)), renderDsprite(index(g)))).toBe(false);
        },
      ),
      { numRuns: 500, seed: 4 },
    );
  });

  it('gives the heart 39 distinct orientations; 0 and 2π render the same, as in the original', () => {
    const images = Array.from({ length: 40 }, (_, o) =>
      renderDsprite(index({ shape: 2, scale: 5, orientation: o, posX: 16, posY: 16 })),
    );
    for (let a = 0; a < 39; a++) {
      for (let b = a + 1; b < 39; b++) expect(equal(images[a]!, images[b]!)).toBe(false);
    }
    expect(equal(images[0]!, images[39]!)).toBe(true);
  });

  it('draws each shape with its analytic area (mean within 2%, each image within the boundary bound)', () => {
    for (const resolution of [64, 32]) {
      for (const scale of [0, 5]) {
        for (const shape of [0, 1, 2]) {
          // Radius from the documented geometry: scale × 0.2 × resolution.
          const r = DSPRITES_FACTOR_VALUES.scale[scale]! * 0.2 * resolution;
          const { area, perimeter } = analytic(shape, r);
          let total = 0;
          let n = 0;
          for (let orientation = 0; orientation < 39; orientation += 2) {
            for (const [posX, posY] of [
              [0, 0],
              [9, 22],
              [31, 13],
              [16, 31],
            ] as const) {
              const count = sum(
                renderDsprite(index({ shape, scale, orientation, posX, posY }), { resolution }),
              );
              // Only pixels whose unit square meets the outline can be misclassified; an outline of
              // length L meets at most √2·L + 8 such squares.
              expect(Math.abs(count - area)).toBeLessThanOrEqual(Math.SQRT2 * perimeter + 8);
              total += count;
              n++;
            }
          }
          const tolerance = resolution === 64 ? 0.02 : 0.04;
          expect(Math.abs(total / n - area) / area).toBeLessThan(tolerance);
        }
      }
    }
  });

  it('keeps sprites inside the frame: the circumscribed disc spans exactly [0, S] at the extremes', () => {
    for (const s of [64, 28]) {
      const lo = dspritePlacement(1, 0, 0, s);
      const hi = dspritePlacement(1, 1, 1, s);
      expect(lo.cx - lo.radius).toBeCloseTo(0, 12);
      expect(lo.cy - lo.radius).toBeCloseTo(0, 12);
      expect(hi.cx + hi.radius).toBeCloseTo(s, 12);
      expect(hi.cy + hi.radius).toBeCloseTo(s, 12);
    }
    // Every lit pixel centre is within the circumscribed radius of the sprite centre.
    for (const i of [0, 4095, 300_000, 737_279, 500_123]) {
      const f = dspritesFactorsFromIndex(i);
      const { cx, cy, radius } = dspritePlacement(
        DSPRITES_FACTOR_VALUES.scale[f.scale]!,
        DSPRITES_FACTOR_VALUES.posX[f.posX]!,
        DSPRITES_FACTOR_VALUES.posY[f.posY]!,
        64,
      );
      renderDsprite(i).forEach((v, p) => {
        if (v)
          expect(
            Math.hypot((p % 64) + 0.5 - cx, Math.floor(p / 64) + 0.5 - cy),
          ).toBeLessThanOrEqual(radius + 1e-9);
      });
    }
  });

  it('orients posX to the right, posY downwards and rotation counter-clockwise', () => {
    const centroid = (img: Uint8Array) => {
      let x = 0;
      let y = 0;
      let n = 0;
      img.forEach((v, p) => {
        if (v) {
          x += p % 64;
          y += Math.floor(p / 64);
          n++;
        }
      });
      return { x: x / n, y: y / n };
    };
    const left = centroid(
      renderDsprite(index({ shape: 0, scale: 2, orientation: 0, posX: 0, posY: 0 })),
    );
    const right = centroid(
      renderDsprite(index({ shape: 0, scale: 2, orientation: 0, posX: 31, posY: 31 })),
    );
    expect(right.x).toBeGreaterThan(left.x + 30);
    expect(right.y).toBeGreaterThan(left.y + 30);
    // The heart's lobes are up at orientation 0 (its centroid lies above the centre of its
    // diamond) and to the left after a quarter turn counter-clockwise (orientation class 10 ≈ 92°).
    const { cx, cy } = dspritePlacement(1, 0.5, 0.5, 64);
    const up = centroid(
      renderDsprite(index({ shape: 2, scale: 5, orientation: 0, posX: 16, posY: 16 })),
    );
    expect(up.y + 0.5).toBeLessThan(cy);
    const turned = centroid(
      renderDsprite(index({ shape: 2, scale: 5, orientation: 10, posX: 16, posY: 16 })),
    );
    expect(turned.x + 0.5).toBeLessThan(cx - 1);
  });

  it('rejects bad indices and options', () => {
    expect(() => renderDsprite(DSPRITES_COUNT)).toThrow(InvalidArgumentError);
    expect(() => renderDsprite(0, { resolution: 4 })).toThrow(InvalidArgumentError);
    expect(() => renderDsprite(0, { size: 32 } as never)).toThrow(UnknownOptionError);
    expect(() => dspriteShapeContains('triangle' as never, 0, 0)).toThrow(UnknownOptionError);
  });
});
