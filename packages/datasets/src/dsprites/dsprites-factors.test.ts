import { InvalidArgumentError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DSPRITES_COUNT,
  DSPRITES_FACTOR_SIZES,
  DSPRITES_FACTOR_VALUES,
  dspritesFactorsFromIndex,
  dspritesFactorValues,
  dspritesIndexFromFactors,
} from './dsprites-factors.js';

describe('dSprites factors', () => {
  it('has 3 × 6 × 40 × 32 × 32 = 737,280 images', () => {
    const sizes = Object.values(DSPRITES_FACTOR_SIZES);
    expect(sizes).toEqual([3, 6, 40, 32, 32]);
    expect(sizes.reduce((a, b) => a * b, 1)).toBe(737_280);
    expect(DSPRITES_COUNT).toBe(737_280);
  });

  it('uses the original ordering (latents_bases 245760, 40960, 1024, 32, 1)', () => {
    expect(dspritesFactorsFromIndex(1)).toEqual({
      shape: 0,
      scale: 0,
      orientation: 0,
      posX: 0,
      posY: 1,
    });
    expect(dspritesFactorsFromIndex(32)).toMatchObject({ posX: 1, posY: 0 });
    expect(dspritesFactorsFromIndex(1024)).toMatchObject({ orientation: 1, posX: 0 });
    expect(dspritesFactorsFromIndex(40960)).toMatchObject({ scale: 1, orientation: 0 });
    expect(dspritesFactorsFromIndex(245760)).toMatchObject({ shape: 1, scale: 0 });
    expect(dspritesFactorsFromIndex(737_279)).toEqual({
      shape: 2,
      scale: 5,
      orientation: 39,
      posX: 31,
      posY: 31,
    });
  });

  it('property: index → factors → index and factors → index → factors round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: DSPRITES_COUNT - 1 }), (i) => {
        expect(dspritesIndexFromFactors(dspritesFactorsFromIndex(i))).toBe(i);
      }),
      { numRuns: 5000, seed: 7 },
    );
    const factorsArb = fc.record({
      shape: fc.integer({ min: 0, max: 2 }),
      scale: fc.integer({ min: 0, max: 5 }),
      orientation: fc.integer({ min: 0, max: 39 }),
      posX: fc.integer({ min: 0, max: 31 }),
      posY: fc.integer({ min: 0, max: 31 }),
    });
    fc.assert(
      fc.property(factorsArb, (f) => {
        expect(dspritesFactorsFromIndex(dspritesIndexFromFactors(f))).toEqual(f);
      }),
      { numRuns: 5000, seed: 8 },
    );
  });

  it('has the original factor values (linspace grids)', () => {
    DSPRITES_FACTOR_VALUES.scale.forEach((v, k) => {
      expect(v).toBeCloseTo(0.5 + 0.1 * k, 12);
    });
    expect(DSPRITES_FACTOR_VALUES.orientation[0]).toBe(0);
    expect(DSPRITES_FACTOR_VALUES.orientation[39]).toBeCloseTo(2 * Math.PI, 12);
    expect(DSPRITES_FACTOR_VALUES.orientation[1]).toBeCloseTo((2 * Math.PI) / 39, 12);
    expect(DSPRITES_FACTOR_VALUES.posX[31]).toBe(1);
    expect(DSPRITES_FACTOR_VALUES.posY[1]).toBeCloseTo(1 / 31, 12);
    expect(dspritesFactorValues({ shape: 2, scale: 5, orientation: 0, posX: 0, posY: 31 })).toEqual(
      {
        shape: 'heart',
        scale: 1,
        orientation: 0,
        posX: 0,
        posY: 1,
      },
    );
  });

  it('rejects out-of-range indices and factors', () => {
    expect(() => dspritesFactorsFromIndex(DSPRITES_COUNT)).toThrow(InvalidArgumentError);
    expect(() => dspritesFactorsFromIndex(-1)).toThrow(InvalidArgumentError);
    expect(() => dspritesFactorsFromIndex(1.5)).toThrow(InvalidArgumentError);
    expect(() =>
      dspritesIndexFromFactors({ shape: 3, scale: 0, orientation: 0, posX: 0, posY: 0 }),
    ).toThrow(/factors.shape/);
    expect(() =>
      dspritesIndexFromFactors({ shape: 0, scale: 0, orientation: 40, posX: 0, posY: 0 }),
    ).toThrow(/factors.orientation/);
  });
});
