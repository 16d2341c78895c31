import { describe, expect, it } from 'vitest';
import { unitErrorStats } from '../activations/error-table.js';
import { buildLutUnit } from '../activations/lut-unit.js';
import { fixedFormat } from '../fixed/fixed-format.js';
import { createNoiseConfig, createNoiseSource } from '../noise/clt-gaussian.js';
import { type ReparamConfig, reparameterizeCodes } from './reparameterize-codes.js';

const encOut = fixedFormat(16, 11);
const sigmaFormat = fixedFormat(16, 12);
const config: ReparamConfig = {
  sigma: buildLutUnit('expHalf', encOut, sigmaFormat, {
    lo: -8,
    hi: 4,
    addressBits: 8,
    interpolate: true,
  }),
  sigmaFormat,
  noise: createNoiseConfig({ lanes: 1, seed: 3 }),
  latent: fixedFormat(16, 12),
  rounding: 'half-even',
  overflow: 'saturate',
};

describe('hardware reparameterization', () => {
  it('the σ = exp(½ log σ²) LUT is accurate over its range', () => {
    const s = unitErrorStats(config.sigma, encOut, sigmaFormat, (v) => Math.exp(v / 2), {
      lo: -8,
      hi: 4,
    });
    // Linear interpolation error ≤ max f''·h²/8 with f'' = exp(v/2)/4 ≤ e²/4 on [−8, 4], plus
    // ½ LSB for the table entries and ½ LSB for the final rounding.
    const h = 2 ** config.sigma.stepShift / 2 ** 11;
    const bound = ((Math.exp(2) / 4) * (h * h)) / 8 + 2 ** -12;
    expect(s.maxAbsError).toBeLessThanOrEqual(bound);
    expect(s.maxAbsError).toBeGreaterThan(bound / 4); // the bound is the right size
  });

  it('z = μ + σ·ε is the exact value rounded once', () => {
    for (const [mu, lv, eps] of [
      [1000, -2048, 4096],
      [-3000, 0, -1234],
      [0, 4000, 77],
    ] as const) {
      const r = reparameterizeCodes(mu, lv, eps, encOut, config);
      const exact = mu / 2 ** 11 + (r.sigma / 2 ** 12) * (eps / 2 ** 12);
      expect(Math.abs(r.z / 2 ** 12 - exact)).toBeLessThanOrEqual(2 ** -13);
    }
  });

  it('samples have mean μ and standard deviation σ', () => {
    const src = createNoiseSource(config.noise);
    const mu = 2048; // 1.0
    const lv = -1.5 * 2 ** 11; // log σ² = −1.5 → σ = 0.472
    const zs: number[] = [];
    for (let i = 0; i < 40_000; i++)
      zs.push(reparameterizeCodes(mu, lv, src.next()[0]!, encOut, config).z / 4096);
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / zs.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.abs(sd - Math.exp(-0.75))).toBeLessThan(0.01);
  });
});
